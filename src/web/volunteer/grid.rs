//! The weekly availability grid of "Mes disponibilités": one cell per day and
//! hour, each — / possible / préféré. Parses the submitted form (field
//! `cell-D-HH`, D = 0 Monday … 6 Sunday, HH = 00 … 23), collapses runs of
//! equal cells into pattern rows, and turns stored rows back into cells.

use crate::db::availability::{NewPattern, PatternRow};

/// Length of one cell, in minutes.
pub const CELL_MINUTES: i32 = 60;
/// Cells per day.
pub const CELLS_PER_DAY: usize = (1440 / CELL_MINUTES) as usize;

/// State of one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cell {
    #[default]
    Off,
    Possible,
    Preferred,
}

impl Cell {
    /// Form value: "", "possible", "prefere".
    pub fn value(self) -> &'static str {
        match self {
            Cell::Off => "",
            Cell::Possible => "possible",
            Cell::Preferred => "prefere",
        }
    }

    pub fn parse(s: &str) -> Option<Cell> {
        match s.trim() {
            "" | "-" | "off" => Some(Cell::Off),
            "possible" => Some(Cell::Possible),
            "prefere" | "préféré" | "preferred" => Some(Cell::Preferred),
            _ => None,
        }
    }
}

/// Seven days of cells, Monday first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub days: [[Cell; CELLS_PER_DAY]; 7],
}

impl Default for Grid {
    fn default() -> Self {
        Grid {
            days: [[Cell::Off; CELLS_PER_DAY]; 7],
        }
    }
}

/// The form field of a cell: `cell-0-09` is Monday 09:00–10:00.
pub fn field_name(day: usize, cell: usize) -> String {
    format!("cell-{day}-{cell:02}")
}

/// Why a submitted grid was refused (nothing is saved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GridError {
    /// A cell name outside Monday–Sunday × 00–23.
    UnknownCell(String),
    /// A value other than —, possible, préféré.
    UnknownState(String),
}

fn parse_field(name: &str) -> Option<(usize, usize)> {
    let rest = name.strip_prefix("cell-")?;
    let (d, h) = rest.split_once('-')?;
    if d.len() != 1 || h.len() != 2 || !h.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let day: usize = d.parse().ok()?;
    let cell: usize = h.parse().ok()?;
    (day < 7 && cell < CELLS_PER_DAY).then_some((day, cell))
}

impl Grid {
    /// Reads the submitted fields; fields not starting with `cell-` are
    /// ignored (the CSRF token), missing cells are —.
    pub fn from_form(fields: &[(String, String)]) -> Result<Grid, GridError> {
        let mut grid = Grid::default();
        for (name, value) in fields {
            if !name.starts_with("cell-") {
                continue;
            }
            let (day, cell) =
                parse_field(name).ok_or_else(|| GridError::UnknownCell(name.clone()))?;
            grid.days[day][cell] =
                Cell::parse(value).ok_or_else(|| GridError::UnknownState(name.clone()))?;
        }
        Ok(grid)
    }

    /// Runs of equal marked cells within each day, as pattern rows.
    pub fn to_patterns(&self) -> Vec<NewPattern> {
        let mut out = Vec::new();
        for (day, cells) in self.days.iter().enumerate() {
            let mut i = 0;
            while i < CELLS_PER_DAY {
                let state = cells[i];
                let start = i;
                while i < CELLS_PER_DAY && cells[i] == state {
                    i += 1;
                }
                if state != Cell::Off {
                    out.push(NewPattern {
                        weekday: day as i32,
                        start_minute: start as i32 * CELL_MINUTES,
                        end_minute: i as i32 * CELL_MINUTES,
                        preferred: state == Cell::Preferred,
                    });
                }
            }
        }
        out
    }

    /// Cells from stored rows: a cell is marked when a row overlaps it
    /// (préféré wins over possible); a row past midnight marks the next
    /// day's cells. Returns the grid and whether some row did not fall on
    /// whole cells (so the grid shows it rounded).
    pub fn from_patterns(rows: &[PatternRow]) -> (Grid, bool) {
        let mut grid = Grid::default();
        let mut rounded = false;
        for r in rows {
            if r.start_minute % CELL_MINUTES != 0 || r.end_minute % CELL_MINUTES != 0 {
                rounded = true;
            }
            let state = if r.preferred {
                Cell::Preferred
            } else {
                Cell::Possible
            };
            let first = r.start_minute.max(0) / CELL_MINUTES;
            let last = (r.end_minute.min(2880) + CELL_MINUTES - 1) / CELL_MINUTES;
            for k in first..last {
                let day = (r.weekday.rem_euclid(7) as usize + k as usize / CELLS_PER_DAY) % 7;
                let cell = k as usize % CELLS_PER_DAY;
                let slot = &mut grid.days[day][cell];
                if *slot != Cell::Preferred {
                    *slot = state;
                }
            }
        }
        (grid, rounded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(name: &str, v: &str) -> (String, String) {
        (name.to_string(), v.to_string())
    }

    #[test]
    fn consecutive_cells_collapse_into_one_row_per_state() {
        let form = vec![
            f("csrf_token", "x"),
            f("cell-0-09", "possible"),
            f("cell-0-10", "possible"),
            f("cell-0-11", "prefere"),
            f("cell-0-12", ""),
            f("cell-6-23", "prefere"),
        ];
        let g = Grid::from_form(&form).unwrap();
        let p = g.to_patterns();
        assert_eq!(
            p,
            vec![
                NewPattern {
                    weekday: 0,
                    start_minute: 540,
                    end_minute: 660,
                    preferred: false
                },
                NewPattern {
                    weekday: 0,
                    start_minute: 660,
                    end_minute: 720,
                    preferred: true
                },
                NewPattern {
                    weekday: 6,
                    start_minute: 1380,
                    end_minute: 1440,
                    preferred: true
                },
            ]
        );
    }

    #[test]
    fn unknown_cells_and_states_are_refused() {
        assert_eq!(
            Grid::from_form(&[f("cell-7-00", "possible")]),
            Err(GridError::UnknownCell("cell-7-00".into()))
        );
        assert!(Grid::from_form(&[f("cell-0-24", "possible")]).is_err());
        assert!(Grid::from_form(&[f("cell-0-9", "possible")]).is_err());
        assert_eq!(
            Grid::from_form(&[f("cell-0-09", "souvent")]),
            Err(GridError::UnknownState("cell-0-09".into()))
        );
    }

    #[test]
    fn stored_rows_come_back_as_cells_including_past_midnight() {
        let row = |weekday, s, e, preferred| PatternRow {
            id: 0,
            volunteer_id: 1,
            weekday,
            start_minute: s,
            end_minute: e,
            preferred,
        };
        let (g, rounded) =
            Grid::from_patterns(&[row(6, 1320, 1560, false), row(0, 540, 600, true)]);
        assert!(!rounded);
        assert_eq!(g.days[6][22], Cell::Possible);
        assert_eq!(g.days[6][23], Cell::Possible);
        assert_eq!(g.days[0][0], Cell::Possible);
        assert_eq!(g.days[0][1], Cell::Possible);
        assert_eq!(g.days[0][2], Cell::Off);
        assert_eq!(g.days[0][9], Cell::Preferred);
        let (g2, rounded) = Grid::from_patterns(&[row(2, 570, 600, false)]);
        assert!(rounded);
        assert_eq!(g2.days[2][9], Cell::Possible);
        // Round trip of whole cells.
        let (g3, _) = Grid::from_patterns(&[row(3, 480, 720, true)]);
        assert_eq!(
            g3.to_patterns(),
            vec![NewPattern {
                weekday: 3,
                start_minute: 480,
                end_minute: 720,
                preferred: true
            }]
        );
    }
}
