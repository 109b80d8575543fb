//! The report's charts, drawn by plotters as SVG text: the uphold rate of each group as a bar
//! with its 95% interval as a whisker, and the same over the months as a line above bars of
//! the items decided each month.

use plotters::coord::Shift;
use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::RangedCoordusize;
use plotters::prelude::*;

use super::stats::Group;

/// The width of every chart, in SVG units (the page scales it to fit).
const WIDTH: u32 = 760;
/// The colour of the rates.
const RATE: RGBColor = RGBColor(0x2b, 0x5d, 0x8c);
/// The charts' text: its font and size.
const FONT: (&str, u32) = ("sans-serif", 13);
/// The colour of the counts.
const COUNT: RGBColor = RGBColor(0xc9, 0xd3, 0xdd);

type Drawn = Result<(), Box<dyn std::error::Error>>;

/// Draws into an SVG string of `height` units: the SVG, or why it could not be drawn.
fn svg(height: u32, draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Drawn) -> String {
    let mut out = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut out, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE)
            .map_err(Into::into)
            .and_then(|()| draw(&root))
            .and_then(|()| root.present().map_err(Into::into))
    };
    match drawn {
        Ok(()) => out,
        // Not expected (the backend writes to a string); the page says so in place.
        Err(e) => format!("<p class=\"note\">This chart could not be drawn: {e}</p>"),
    }
}

/// The percentage of a share, for axis labels.
fn percent(x: &f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// The longest group name a chart shows whole (the table under it shows every name whole).
const LABEL: usize = 40;

/// A group's name and number of items as a chart's label, shortened to [`LABEL`] characters.
fn label(g: &Group) -> String {
    let key = match g.key.char_indices().nth(LABEL) {
        Some((end, _)) => format!("{}\u{2026}", g.key[..end].trim_end()),
        None => g.key.clone(),
    };
    format!("{key} ({})", g.items)
}

/// A segmented axis of `n` segments, `0` to `n - 1` (a range `0..k` has `k + 1` of them); two
/// at least, as plotters cannot lay out one.
fn segments(n: usize) -> SegmentedCoord<RangedCoordusize> {
    (0..n.max(2) - 1).into_segmented()
}

/// A horizontal bar per group: its uphold rate, with its interval as a whisker, labelled with
/// its name and number of items. Groups with no decided item get a label and no bar.
pub fn rates(groups: &[Group]) -> String {
    let rows = groups.len().max(1);
    let height = 56 + 24 * u32::try_from(rows.max(2)).unwrap_or(u32::MAX / 32);
    // The first group at the top: row `rows - 1` of the chart.
    let row = |i: usize| rows - 1 - i;
    svg(height, |root| {
        let name = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(r) if *r < rows => {
                groups.get(row(*r)).map_or_else(String::new, label)
            }
            _ => String::new(),
        };
        let mut chart = ChartBuilder::on(root)
            .margin(8)
            .margin_right(24)
            .x_label_area_size(40)
            .y_label_area_size(280)
            .build_cartesian_2d(0f64..1f64, segments(rows))?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .x_max_light_lines(0)
            .x_labels(11)
            .y_labels(rows)
            .label_style(FONT)
            .axis_desc_style(FONT)
            .x_label_formatter(&percent)
            .y_label_formatter(&name)
            .x_desc("uphold rate, with its 95% interval")
            .draw()?;
        let shown = groups
            .iter()
            .enumerate()
            .filter_map(|(i, g)| g.rated().map(|(rate, low, high)| (row(i), rate, low, high)));
        let shown: Vec<_> = shown.collect();
        chart.draw_series(shown.iter().map(|&(i, rate, _, _)| {
            let mut bar = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(i)),
                    (rate, SegmentValue::Exact(i + 1)),
                ],
                RATE.mix(0.75).filled(),
            );
            bar.set_margin(3, 3, 0, 0);
            bar
        }))?;
        chart.draw_series(shown.iter().map(|&(i, rate, low, high)| {
            ErrorBar::new_horizontal(SegmentValue::CenterOf(i), low, rate, high, BLACK, 8)
        }))?;
        Ok(())
    })
}

/// The months in order: the items of each as grey bars (right axis), the uphold rate as a line
/// with its interval as whiskers (left axis), the line broken where a month has no rate.
pub fn months(groups: &[Group]) -> String {
    let n = groups.len().max(1);
    let most = groups.iter().map(|g| g.items).max().unwrap_or(0).max(1);
    svg(320, |root| {
        // About a dozen month labels, whatever the span.
        let every = n.div_ceil(12);
        let name = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) if i.is_multiple_of(every) => {
                groups.get(*i).map_or_else(String::new, |g| g.key.clone())
            }
            _ => String::new(),
        };
        let mut chart = ChartBuilder::on(root)
            .margin(8)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .right_y_label_area_size(60)
            .build_cartesian_2d(segments(n), 0f64..1f64)?
            .set_secondary_coord(segments(n), 0u64..most + most / 10 + 1);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .y_max_light_lines(0)
            .x_labels(n)
            .label_style(FONT)
            .axis_desc_style(FONT)
            .x_label_formatter(&name)
            .y_label_formatter(&percent)
            .y_desc("uphold rate")
            .draw()?;
        (chart.configure_secondary_axes())
            .label_style(FONT)
            .axis_desc_style(FONT)
            .y_desc("items")
            .draw()?;
        chart.draw_secondary_series(groups.iter().enumerate().map(|(i, g)| {
            let corners = [
                (SegmentValue::Exact(i), 0),
                (SegmentValue::Exact(i + 1), g.items),
            ];
            let mut bar = Rectangle::new(corners, COUNT.filled());
            bar.set_margin(0, 0, 1, 1);
            bar
        }))?;
        let at = |i: usize, v: f64| (SegmentValue::CenterOf(i), v);
        // One line for each run of months with a rate.
        for run in rated_runs(groups) {
            let line = run.iter().map(|&(i, r, _, _)| at(i, r));
            chart.draw_series(LineSeries::new(line, RATE.stroke_width(2)))?;
            chart.draw_series(run.iter().map(|&(i, r, low, high)| {
                ErrorBar::new_vertical(SegmentValue::CenterOf(i), low, r, high, RATE, 4)
            }))?;
        }
        Ok(())
    })
}

/// The runs of consecutive groups with a rate: (position, rate, low, high).
fn rated_runs(groups: &[Group]) -> Vec<Vec<(usize, f64, f64, f64)>> {
    let mut runs: Vec<Vec<(usize, f64, f64, f64)>> = vec![Vec::new()];
    for (i, g) in groups.iter().enumerate() {
        match (g.rated(), runs.last_mut()) {
            (Some((r, low, high)), Some(run)) => run.push((i, r, low, high)),
            _ => runs.push(Vec::new()),
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(key: &str, upheld: u64, overturned: u64) -> Group {
        let n = (upheld + overturned) as f64;
        let p = upheld as f64 / n;
        let (low, high) = super::super::stats::wilson(p, n);
        Group {
            key: key.to_owned(),
            items: upheld + overturned,
            upheld,
            overturned,
            uphold_rate: Some(p),
            low: Some(low),
            high: Some(high),
        }
    }

    #[test]
    fn a_bar_chart_names_every_group_and_escapes_its_text() {
        let svg = rates(&[group("imaging", 8, 2), group("a<b & \"c\"", 1, 1)]);
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("\nimaging (10)\n"), "{svg}");
        assert!(
            svg.contains("\na&lt;b &amp; &quot;c&quot; (2)\n"),
            "escaped: {svg}"
        );
        assert_eq!(
            svg.matches("<rect").count(),
            3,
            "the background and two bars"
        );
    }

    #[test]
    fn one_group_is_a_chart_like_any_other() {
        // plotters cannot lay out an axis of one segment: negative sizes, no bar, no label.
        for svg in [
            rates(&[group("imaging", 3, 1)]),
            months(&[group("2016-11", 3, 1)]),
        ] {
            let negative = ["width=\"-", "height=\"-"].iter().any(|n| svg.contains(n));
            assert!(!negative, "no negative size: {svg}");
            assert_eq!(
                svg.matches("<rect").count(),
                2,
                "the background and a bar: {svg}"
            );
        }
        assert!(rates(&[group("imaging", 3, 1)]).contains("\nimaging (4)\n"));
    }

    #[test]
    fn long_names_are_shortened_in_charts() {
        let long = "Physical Medicine and Rehabilitation, Pain Medicine and more";
        let svg = rates(&[group(long, 1, 1)]);
        assert!(
            svg.contains("\nPhysical Medicine and Rehabilitation, Pa\u{2026} (2)\n"),
            "{svg}"
        );
    }

    #[test]
    fn the_months_line_breaks_where_a_month_has_no_rate() {
        let mut gap = group("2016-12", 0, 0);
        (gap.uphold_rate, gap.low, gap.high) = (None, None, None);
        let groups = [
            group("2016-11", 3, 1),
            gap,
            group("2017-01", 2, 2),
            group("2017-02", 1, 0),
        ];
        let runs = rated_runs(&groups);
        let at: Vec<Vec<usize>> = runs
            .iter()
            .map(|r| r.iter().map(|p| p.0).collect())
            .collect();
        assert_eq!(at, [vec![0], vec![2, 3]]);
    }

    #[test]
    fn charts_of_nothing_are_empty_charts() {
        for svg in [rates(&[]), months(&[])] {
            assert!(svg.starts_with("<svg"), "{svg}");
            assert!(!svg.contains("NaN"), "{svg}");
        }
    }
}
