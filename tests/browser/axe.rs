//! axe-core in the page: injected through WebDriver (so the app's CSP does
//! not apply to it), run on the whole document; serious and critical
//! violations are counted per page and reported as a Markdown table.

use fantoccini::Client;
use serde_json::Value;

/// One checked page.
pub struct PageResult {
    pub page: String,
    pub serious: usize,
    pub other: usize,
    pub details: Vec<String>,
}

/// The axe source and the pages checked so far.
pub struct Axe {
    source: String,
    pub results: Vec<PageResult>,
}

const RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] })
  .then(r => done(r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))))
  .catch(e => done({ error: String(e) }));
"#;

impl Axe {
    pub fn load() -> Axe {
        let path = super::driver::axe_path();
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        Axe {
            source,
            results: Vec::new(),
        }
    }

    /// Proves the check is not vacuous: a field without a label and an image
    /// without text, added to the current page, must be reported.
    pub async fn self_test(&self, client: &Client) {
        client
            .execute(
                "const m = document.querySelector('main');\
                 const i = document.createElement('input'); i.id = 'axe-probe-input'; m.appendChild(i);\
                 const g = document.createElement('img'); g.id = 'axe-probe-img'; g.src = '/static/app.css'; m.appendChild(g);",
                vec![],
            )
            .await
            .expect("add the probes");
        let found = self.violations(client, "self-test").await;
        let ids: Vec<&str> = found.iter().filter_map(|v| v["id"].as_str()).collect();
        assert!(
            ids.contains(&"label") && ids.contains(&"image-alt"),
            "axe-core should report the unlabelled probes, got {ids:?}"
        );
        client
            .execute(
                "document.getElementById('axe-probe-input').remove();\
                 document.getElementById('axe-probe-img').remove();",
                vec![],
            )
            .await
            .expect("remove the probes");
    }

    /// Injects axe-core if needed and returns the page's violations.
    async fn violations(&self, client: &Client, page: &str) -> Vec<Value> {
        let loaded = client
            .execute(
                &format!(
                    "if (!window.axe) {{ {} \n}}; return typeof window.axe;",
                    self.source
                ),
                vec![],
            )
            .await
            .expect("inject axe-core");
        assert_eq!(
            loaded,
            Value::from("object"),
            "axe-core did not load on {page}"
        );
        let out = client
            .execute_async(RUN, vec![])
            .await
            .expect("run axe-core");
        out.as_array()
            .unwrap_or_else(|| panic!("axe failed on {page}: {out}"))
            .clone()
    }

    /// Runs axe on the current page, recorded under `page`.
    pub async fn check(&mut self, client: &Client, page: &str) {
        let list = self.violations(client, page).await;
        let mut result = PageResult {
            page: page.to_string(),
            serious: 0,
            other: 0,
            details: Vec::new(),
        };
        for v in &list {
            let impact = v["impact"].as_str().unwrap_or("");
            let line = format!(
                "{impact} {}: {} ({})",
                v["id"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or(""),
                v["targets"]
            );
            if impact == "serious" || impact == "critical" {
                result.serious += 1;
                result.details.push(line);
            } else {
                result.other += 1;
                result.details.push(line);
            }
        }
        self.results.push(result);
    }

    /// The per-page table (Markdown).
    pub fn table(&self) -> String {
        let mut s =
            String::from("| page | serious + critical | moderate + minor |\n|---|---:|---:|\n");
        for r in &self.results {
            s.push_str(&format!("| {} | {} | {} |\n", r.page, r.serious, r.other));
        }
        for r in self.results.iter().filter(|r| !r.details.is_empty()) {
            s.push_str(&format!("\n{}:\n", r.page));
            for d in &r.details {
                s.push_str(&format!("  - {d}\n"));
            }
        }
        s
    }

    /// Pages with serious or critical violations.
    pub fn failing(&self) -> Vec<&PageResult> {
        self.results.iter().filter(|r| r.serious > 0).collect()
    }
}
