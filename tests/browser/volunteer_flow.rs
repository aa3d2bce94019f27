//! The volunteer in the browser: signs in with a magic
//! link from the mail sink, marks availability on the weekly grid with the
//! keyboard only, adds a holiday and sees it in the coming weeks.

use chrono::{Datelike, Duration, NaiveDate, Utc};
use fantoccini::key::Key;
use fantoccini::Locator;

use crate::driver::{focus, focused_id, press, type_text, wait_css};
use crate::helpers::Role;
use crate::session::{magic_login, open, sign_out, text_of};
use crate::Ctx;

/// The Monday of next week (the coming-weeks view starts this week).
pub fn next_monday() -> NaiveDate {
    let today = Utc::now().date_naive();
    today + Duration::days(7 - i64::from(today.weekday().num_days_from_monday()))
}

async fn value_of(ctx: &Ctx, id: &str) -> String {
    let el = ctx.client.find(Locator::Id(id)).await.expect(id);
    el.prop("value").await.unwrap().unwrap_or_default()
}

/// Tabs forward until `id` has the focus (at most `max` presses).
async fn tab_to(ctx: &Ctx, id: &str, max: usize) {
    for _ in 0..max {
        if focused_id(&ctx.client).await == id {
            return;
        }
        press(&ctx.client, &[Key::Tab.into()]).await;
    }
    assert_eq!(focused_id(&ctx.client).await, id, "Tab never reached #{id}");
}

async fn mark_grid_with_the_keyboard(ctx: &Ctx) {
    open(ctx, "/disponibilites", "#grid-form").await;
    ctx.axe("bénévole : mes disponibilités").await;
    // Start on Monday's heading; open it with Enter if it is folded.
    focus(&ctx.client, "#day-0-summary").await;
    let monday = ctx.client.find(Locator::Id("day-0")).await.unwrap();
    if monday.attr("open").await.unwrap().is_none() {
        press(&ctx.client, &[Key::Enter.into()]).await;
    }
    // Tab down the hours to 9 h, type "p" for "possible".
    tab_to(ctx, "cell-0-09", 30).await;
    press(&ctx.client, &['p']).await;
    // Next hour: arrow keys (— → possible → préféré).
    press(&ctx.client, &[Key::Tab.into()]).await;
    assert_eq!(focused_id(&ctx.client).await, "cell-0-10");
    press(&ctx.client, &[Key::Down.into(), Key::Down.into()]).await;
    press(&ctx.client, &[Key::Tab.into()]).await;
    assert_eq!(focused_id(&ctx.client).await, "cell-0-11");
    press(&ctx.client, &['p']).await;
    assert_eq!(value_of(ctx, "cell-0-09").await, "possible");
    assert_eq!(value_of(ctx, "cell-0-10").await, "prefere");
    assert_eq!(value_of(ctx, "cell-0-11").await, "possible");
    // Save: the button, with Enter.
    focus(&ctx.client, "#grid-save").await;
    press(&ctx.client, &[Key::Enter.into()]).await;
    let notice = text_of(ctx, "#notice").await;
    assert!(notice.contains("enregistr"), "{notice}");
    // Reloaded from the database.
    assert_eq!(value_of(ctx, "cell-0-09").await, "possible");
    assert_eq!(value_of(ctx, "cell-0-10").await, "prefere");
    assert_eq!(value_of(ctx, "cell-0-12").await, "");
}

/// Types `date` into a date field with the keyboard, in the field order of
/// the browser's locale (e.g. month/day/year in en-US, day/month/year in fr).
/// Returns false if the field did not end up holding `date`.
async fn type_date(ctx: &Ctx, id: &str, date: NaiveDate) -> bool {
    let order = ctx
        .client
        .execute(
            "return new Intl.DateTimeFormat(navigator.language)\
               .formatToParts(new Date(2026, 0, 2))\
               .filter(p => p.type !== 'literal').map(p => p.type);",
            vec![],
        )
        .await
        .expect("date field order");
    focus(&ctx.client, &format!("#{id}")).await;
    for part in order.as_array().into_iter().flatten() {
        let text = match part.as_str() {
            Some("day") => format!("{:02}", date.day()),
            Some("month") => format!("{:02}", date.month()),
            _ => date.year().to_string(),
        };
        type_text(&ctx.client, &text).await;
    }
    value_of(ctx, id).await == date.to_string()
}

async fn add_a_holiday(ctx: &Ctx, from: NaiveDate, to: NaiveDate) {
    wait_css(&ctx.client, "#absence-from").await;
    for (id, date) in [("absence-from", from), ("absence-to", to)] {
        if !type_date(ctx, id, date).await {
            // A locale whose date field takes other keys: set the value, say so.
            eprintln!("note: #{id} did not take typed digits; value set directly");
            ctx.client
                .execute(
                    "document.getElementById(arguments[0]).value = arguments[1];",
                    vec![id.into(), date.to_string().into()],
                )
                .await
                .expect("set the date");
        }
    }
    // Submit with the keyboard: Tab to the button, Enter.
    focus(&ctx.client, "#absence-to").await;
    for _ in 0..5 {
        if focused_id(&ctx.client).await == "absence-save" {
            break;
        }
        press(&ctx.client, &[Key::Tab.into()]).await;
    }
    assert_eq!(focused_id(&ctx.client).await, "absence-save");
    press(&ctx.client, &[Key::Enter.into()]).await;
    // The answer page lists the absence (the page before had none, but had
    // a #notice of its own from the grid).
    wait_css(&ctx.client, "#absence-list li").await;
    let notice = text_of(ctx, "#notice").await;
    assert!(!notice.is_empty());
}

pub async fn run(ctx: &Ctx) {
    let email = Role::Volunteer.email().unwrap();
    magic_login(ctx, email).await;
    ctx.axe("accueil bénévole / volunteer home").await;
    mark_grid_with_the_keyboard(ctx).await;

    let monday = next_monday();
    let wednesday = monday + Duration::days(2);
    add_a_holiday(ctx, monday, wednesday).await;
    ctx.axe("bénévole : disponibilités avec absence").await;
    ctx.narrow("bénévole : disponibilités avec absence").await;

    // The coming weeks: the holiday days are marked absent, the Monday after
    // shows the ranges just saved.
    wait_css(&ctx.client, "#coming-weeks").await;
    for day in [monday, monday + Duration::days(1), wednesday] {
        let li = wait_css(&ctx.client, &format!("#date-{day}")).await;
        let class = li.attr("class").await.unwrap().unwrap_or_default();
        assert!(class.contains("absent"), "{day} not marked absent: {class}");
        assert!(li.text().await.unwrap().contains("Absent"), "{day}");
    }
    let thursday = text_of(ctx, &format!("#date-{}", monday + Duration::days(3))).await;
    assert!(!thursday.contains("Absent"), "{thursday}");
    let later = text_of(ctx, &format!("#date-{}", monday + Duration::days(7))).await;
    assert!(
        later.contains("09:00"),
        "the Monday after shows 9 h: {later}"
    );

    open(ctx, "/formation", "h1").await;
    ctx.axe("bénévole : ma formation").await;
    open(ctx, "/profil", "#profile-form").await;
    ctx.axe("bénévole : mon profil").await;
    open(ctx, "/disponibilites?lang=en", "#grid-form").await;
    ctx.axe("volunteer: my availability (en)").await;
    open(ctx, "/home?lang=fr", "h1").await;
    sign_out(ctx).await;
}
