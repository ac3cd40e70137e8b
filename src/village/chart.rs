//! A bar chart that is also its own table: each bar is a line with its
//! label and its figure in words, so a screen reader, a printout and a
//! phone at 200% zoom read the same numbers the bars draw.
//!
//! ## Usage
//! ```ignore
//! view! { <BarChart title="收入" rows=vec![Bar::new("1月", 2_412_800_00, "¥2,412,800.00")] test_id="chart" /> }
//! ```

use leptos::prelude::*;

/// One bar: its label, the value that sizes it, and the value as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub shown: String,
}

impl Bar {
    pub fn new(label: impl Into<String>, value: i64, shown: impl Into<String>) -> Bar {
        Bar {
            label: label.into(),
            value,
            shown: shown.into(),
        }
    }
}

/// Horizontal bars, the longest as wide as the chart; a negative value's
/// bar is drawn in the warning colour.
#[component]
pub fn BarChart(
    /// The chart's caption.
    #[prop(into)]
    title: String,
    rows: Vec<Bar>,
    test_id: &'static str,
) -> impl IntoView {
    let widest = rows
        .iter()
        .map(|row| row.value.unsigned_abs())
        .max()
        .unwrap_or(0)
        .max(1);
    view! {
        <figure class="bar-chart" data-testid=test_id>
            <figcaption>{title}</figcaption>
            <ul>
                {rows
                    .into_iter()
                    .map(|row| {
                        let percent = row.value.unsigned_abs() as f64 * 100.0 / widest as f64;
                        let class = if row.value < 0 { "bar negative" } else { "bar" };
                        view! {
                            <li>
                                <span class="bar-label">{row.label}</span>
                                <span class="bar-track" aria-hidden="true">
                                    <span class=class style=format!("width: {percent:.1}%")></span>
                                </span>
                                <span class="bar-value">{row.shown}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </figure>
    }
}
