//! Pure SVG charts for the reports page: a bar chart (with an optional line
//! over it), a line chart, a donut and a 100% stacked bar. Each builder
//! returns an [`El`] tree (tested natively), which [`El::to_html`] turns
//! into yew elements: every label is a text node, escaped by yew, never
//! markup (category names are user data). Every chart carries a `<title>`
//! and a `<desc>` (a text summary of the figures) and `role="img"` with an
//! `aria-label`, so a screen reader gets the numbers too.

use yew::virtual_dom::{VNode, VTag, VText};
use yew::Html;

/// A node of an SVG tree: an element or text.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// An element.
    El(El),
    /// Text (escaped when rendered).
    Text(String),
}

/// An SVG element with its attributes and children.
#[derive(Debug, Clone, PartialEq)]
pub struct El {
    /// The tag (`svg`, `rect`, `text`…).
    pub tag: &'static str,
    /// The attributes, in order.
    pub attrs: Vec<(&'static str, String)>,
    /// The children.
    pub children: Vec<Node>,
}

impl El {
    /// An element without attributes or children.
    pub fn new(tag: &'static str) -> El {
        El { tag, attrs: Vec::new(), children: Vec::new() }
    }

    /// With one more attribute.
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> El {
        self.attrs.push((name, value.into()));
        self
    }

    /// With one more child element.
    pub fn child(mut self, child: El) -> El {
        self.children.push(Node::El(child));
        self
    }

    /// With one more text child.
    pub fn text(mut self, text: impl Into<String>) -> El {
        self.children.push(Node::Text(text.into()));
        self
    }

    /// The value of an attribute.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
    }

    /// Whether the `class` attribute has `class`.
    pub fn has_class(&self, class: &str) -> bool {
        self.get("class").is_some_and(|c| c.split_whitespace().any(|x| x == class))
    }

    /// The text of the element and its descendants.
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        for c in &self.children {
            match c {
                Node::Text(t) => out.push_str(t),
                Node::El(e) => out.push_str(&e.text_content()),
            }
        }
        out
    }

    /// Every descendant (and itself) with `tag` and `class` (any class when empty).
    pub fn find_all(&self, tag: &str, class: &str) -> Vec<&El> {
        let mut out = Vec::new();
        self.collect(tag, class, &mut out);
        out
    }

    fn collect<'a>(&'a self, tag: &str, class: &str, out: &mut Vec<&'a El>) {
        if self.tag == tag && (class.is_empty() || self.has_class(class)) {
            out.push(self);
        }
        for c in &self.children {
            if let Node::El(e) = c {
                e.collect(tag, class, out);
            }
        }
    }

    /// The tree as yew elements (text as text nodes).
    pub fn to_html(&self) -> Html {
        let mut tag = VTag::new(self.tag);
        for (k, v) in &self.attrs {
            tag.add_attribute(k, v.clone());
        }
        for c in &self.children {
            match c {
                Node::El(e) => tag.add_child(e.to_html()),
                Node::Text(t) => tag.add_child(VNode::VText(VText::new(t.clone()))),
            }
        }
        VNode::from(tag)
    }

    /// The tree as escaped SVG markup (for tests and saving a chart).
    pub fn to_markup(&self) -> String {
        let mut out = format!("<{}", self.tag);
        for (k, v) in &self.attrs {
            out.push_str(&format!(" {k}=\"{}\"", escape(v)));
        }
        out.push('>');
        for c in &self.children {
            match c {
                Node::El(e) => out.push_str(&e.to_markup()),
                Node::Text(t) => out.push_str(&escape(t)),
            }
        }
        out.push_str(&format!("</{}>", self.tag));
        out
    }
}

/// `&`, `<`, `>`, `"` and `'` as entities.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A number for an attribute: one decimal at most.
fn n(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Colours for series and slices (distinguishable, also in greyscale print).
pub const PALETTE: [&str; 10] = [
    "#2f6db5", "#d9822b", "#3a9a5b", "#c23b3b", "#7a5cb8", "#8c6d46", "#d16ba5", "#6b7280",
    "#b5a42f", "#2fa3b5",
];

/// The colour of the `i`-th series or slice.
pub fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// What a chart is about: its id, title and a text summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Caption {
    /// The `id` of the `<svg>` (`chart-trend`).
    pub id: String,
    /// The title (`<title>` and `aria-label`).
    pub title: String,
    /// The figures as text (`<desc>`).
    pub desc: String,
}

/// The `<svg>` root with its title and description.
fn root(caption: &Caption, width: f64, height: f64) -> El {
    let title_id = format!("{}-title", caption.id);
    let desc_id = format!("{}-desc", caption.id);
    El::new("svg")
        .attr("id", caption.id.clone())
        .attr("class", "chart")
        .attr("xmlns", "http://www.w3.org/2000/svg")
        .attr("viewBox", format!("0 0 {} {}", n(width), n(height)))
        .attr("role", "img")
        .attr("aria-label", caption.title.clone())
        .attr("aria-labelledby", format!("{title_id} {desc_id}"))
        .child(El::new("title").attr("id", title_id).text(caption.title.clone()))
        .child(El::new("desc").attr("id", desc_id).text(caption.desc.clone()))
}

/// A text element.
fn label(x: f64, y: f64, anchor: &str, class: &str, text: impl Into<String>) -> El {
    El::new("text")
        .attr("x", n(x))
        .attr("y", n(y))
        .attr("text-anchor", anchor.to_string())
        .attr("class", class.to_string())
        .text(text)
}

/// A bar or point: its label, value and a stable key for `data-key`.
#[derive(Debug, Clone, PartialEq)]
pub struct Datum {
    /// The label under the bar (`1月`).
    pub label: String,
    /// The value.
    pub value: u64,
    /// A stable key (`2026-01`).
    pub key: String,
}

/// A line over the bars: its name (for the legend) and one value per bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The name (`去年同期`).
    pub name: String,
    /// One value per bar.
    pub values: Vec<u64>,
}

const W: f64 = 640.0;
const H: f64 = 260.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 40.0;

/// A round upper bound for the value axis (1, 2, 5 × 10ⁿ), at least 1.
pub fn nice_max(max: u64) -> u64 {
    let mut step = 1u64;
    loop {
        for m in [1, 2, 5] {
            if step.saturating_mul(m) >= max {
                return step.saturating_mul(m).max(1);
            }
        }
        step = step.saturating_mul(10);
    }
}

/// The horizontal grid with its value labels (0, half, max).
fn grid(max: u64, plot_h: f64) -> El {
    let mut g = El::new("g").attr("class", "grid");
    for i in 0..=2u64 {
        let v = max * i / 2;
        let y = TOP + plot_h - plot_h * (v as f64 / max as f64);
        g = g
            .child(
                El::new("line")
                    .attr("x1", n(LEFT))
                    .attr("x2", n(W - RIGHT))
                    .attr("y1", n(y))
                    .attr("y2", n(y))
                    .attr("class", "grid-line"),
            )
            .child(label(LEFT - 4.0, y + 4.0, "end", "axis", v.to_string()));
    }
    g
}

/// The points of a series as a polyline over `count` slots.
fn polyline(values: &[u64], max: u64, plot_h: f64, class: &str, colour: &str) -> El {
    let slot = (W - LEFT - RIGHT) / values.len().max(1) as f64;
    let points: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let x = LEFT + slot * (i as f64 + 0.5);
            let y = TOP + plot_h - plot_h * (*v as f64 / max as f64);
            format!("{},{}", n(x), n(y))
        })
        .collect();
    El::new("polyline")
        .attr("class", class.to_string())
        .attr("points", points.join(" "))
        .attr("fill", "none")
        .attr("stroke", colour.to_string())
        .attr("stroke-width", "2")
}

/// A bar chart: one `rect.bar` per datum (with its value above and label
/// below), and optionally a line (`polyline.series`) over the bars with a
/// legend, e.g. last year's figures.
pub fn bar_chart(caption: &Caption, data: &[Datum], line: Option<&Series>) -> El {
    let plot_h = H - TOP - BOTTOM;
    let top = data.iter().map(|d| d.value).chain(line.iter().flat_map(|s| s.values.clone())).max();
    let max = nice_max(top.unwrap_or(0));
    let slot = (W - LEFT - RIGHT) / data.len().max(1) as f64;
    let bar_w = (slot * 0.6).max(1.0);
    let mut svg = root(caption, W, H).child(grid(max, plot_h));
    let mut bars = El::new("g").attr("class", "bars");
    for (i, d) in data.iter().enumerate() {
        let h = plot_h * (d.value as f64 / max as f64);
        let x = LEFT + slot * i as f64 + (slot - bar_w) / 2.0;
        let y = TOP + plot_h - h;
        bars = bars
            .child(
                El::new("rect")
                    .attr("class", "bar")
                    .attr("data-key", d.key.clone())
                    .attr("data-value", d.value.to_string())
                    .attr("x", n(x))
                    .attr("y", n(y))
                    .attr("width", n(bar_w))
                    .attr("height", n(h))
                    .attr("fill", colour(0))
                    .child(El::new("title").text(format!("{}：{}", d.label, d.value))),
            )
            .child(label(x + bar_w / 2.0, y - 3.0, "middle", "value", d.value.to_string()))
            .child(label(x + bar_w / 2.0, H - BOTTOM + 14.0, "middle", "label", d.label.clone()));
    }
    svg = svg.child(bars);
    if let Some(s) = line {
        svg = svg.child(polyline(&s.values, max, plot_h, "series", colour(1))).child(legend_item(
            W - RIGHT - 110.0,
            12.0,
            colour(1),
            &s.name,
            "legend",
        ));
    }
    svg
}

/// A line chart: one `polyline.series` per series over shared labels,
/// with a legend.
pub fn line_chart(caption: &Caption, labels: &[String], series: &[Series]) -> El {
    let plot_h = H - TOP - BOTTOM;
    let max = nice_max(series.iter().flat_map(|s| s.values.iter().copied()).max().unwrap_or(0));
    let slot = (W - LEFT - RIGHT) / labels.len().max(1) as f64;
    let mut svg = root(caption, W, H).child(grid(max, plot_h));
    for (i, l) in labels.iter().enumerate() {
        let x = LEFT + slot * (i as f64 + 0.5);
        svg = svg.child(label(x, H - BOTTOM + 14.0, "middle", "label", l.clone()));
    }
    for (i, s) in series.iter().enumerate() {
        svg = svg.child(polyline(&s.values, max, plot_h, "series", colour(i))).child(legend_item(
            LEFT + 120.0 * i as f64,
            12.0,
            colour(i),
            &s.name,
            "legend",
        ));
    }
    svg
}

/// A coloured square and its text.
fn legend_item(x: f64, y: f64, colour: &str, text: &str, class: &str) -> El {
    El::new("g")
        .attr("class", class.to_string())
        .child(
            El::new("rect")
                .attr("x", n(x))
                .attr("y", n(y - 9.0))
                .attr("width", "10")
                .attr("height", "10")
                .attr("fill", colour.to_string()),
        )
        .child(label(x + 14.0, y, "start", "label", text.to_string()))
}

/// A slice of a donut or a segment of a stacked bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Its name (`土地承包`).
    pub label: String,
    /// Its count.
    pub value: u64,
    /// Its share in basis points (the parts' shares sum to 10 000).
    pub share_bp: u32,
}

/// `21%`, `12.5%`, `33.33%`.
pub fn percent(bp: u32) -> String {
    let (whole, frac) = (bp / 100, bp % 100);
    if frac == 0 {
        format!("{whole}%")
    } else if frac % 10 == 0 {
        format!("{whole}.{}%", frac / 10)
    } else {
        format!("{whole}.{frac:02}%")
    }
}

/// `（63件）`, or ` (63)` without a unit (English).
fn amount(value: u64, unit: &str) -> String {
    if unit.is_empty() {
        format!(" ({value})")
    } else {
        format!("（{value}{unit}）")
    }
}

/// A donut: one `circle.slice` per part (drawn with dash arrays, in order
/// from twelve o'clock), and a legend of `text.label`s `名称 21%（63件）`.
pub fn donut_chart(caption: &Caption, parts: &[Part], unit: &str) -> El {
    let (cx, cy, r) = (110.0, 120.0, 80.0);
    let circumference = 2.0 * std::f64::consts::PI * r;
    let height = (parts.len() as f64 * 20.0 + 40.0).max(H);
    let mut svg = root(caption, W, height).child(
        El::new("circle")
            .attr("cx", n(cx))
            .attr("cy", n(cy))
            .attr("r", n(r))
            .attr("class", "donut-ring")
            .attr("fill", "none")
            .attr("stroke", "#e5e7eb")
            .attr("stroke-width", "36"),
    );
    let mut offset = 0.0;
    for (i, p) in parts.iter().enumerate() {
        let len = circumference * f64::from(p.share_bp) / 10_000.0;
        svg = svg.child(
            El::new("circle")
                .attr("class", "slice")
                .attr("data-label", p.label.clone())
                .attr("data-value", p.value.to_string())
                .attr("cx", n(cx))
                .attr("cy", n(cy))
                .attr("r", n(r))
                .attr("fill", "none")
                .attr("stroke", colour(i))
                .attr("stroke-width", "36")
                .attr("stroke-dasharray", format!("{} {}", n(len), n(circumference - len)))
                .attr("stroke-dashoffset", n(circumference / 4.0 - offset))
                .child(El::new("title").text(format!(
                    "{}：{}{}",
                    p.label,
                    percent(p.share_bp),
                    amount(p.value, unit)
                ))),
        );
        offset += len;
    }
    for (i, p) in parts.iter().enumerate() {
        let y = 40.0 + 20.0 * i as f64;
        svg = svg.child(legend_item(
            250.0,
            y,
            colour(i),
            &format!("{} {}{}", p.label, percent(p.share_bp), amount(p.value, unit)),
            "legend",
        ));
    }
    svg
}

/// A 100% stacked bar: one `rect.segment` per part with a non-zero share,
/// and a legend of every part.
pub fn stacked_bar(caption: &Caption, parts: &[Part], unit: &str) -> El {
    let (x0, y0, w, h) = (LEFT, 24.0, W - LEFT - RIGHT, 36.0);
    let rows = parts.len().div_ceil(3);
    let height = y0 + h + 24.0 + rows as f64 * 20.0 + 8.0;
    let mut svg = root(caption, W, height);
    let mut x = x0;
    for (i, p) in parts.iter().enumerate() {
        if p.share_bp == 0 {
            continue;
        }
        let seg = w * f64::from(p.share_bp) / 10_000.0;
        svg = svg.child(
            El::new("rect")
                .attr("class", "segment")
                .attr("data-label", p.label.clone())
                .attr("data-value", p.value.to_string())
                .attr("x", n(x))
                .attr("y", n(y0))
                .attr("width", n(seg))
                .attr("height", n(h))
                .attr("fill", colour(i))
                .child(El::new("title").text(format!(
                    "{}：{}{}",
                    p.label,
                    percent(p.share_bp),
                    amount(p.value, unit)
                ))),
        );
        x += seg;
    }
    for (i, p) in parts.iter().enumerate() {
        let col = (i % 3) as f64;
        let row = (i / 3) as f64;
        svg = svg.child(legend_item(
            x0 + col * 200.0,
            y0 + h + 24.0 + row * 20.0,
            colour(i),
            &format!("{} {}{}", p.label, percent(p.share_bp), amount(p.value, unit)),
            "legend",
        ));
    }
    svg
}

/// Shares of `counts` in basis points summing to exactly 10 000, rounded
/// as the core rounds every share of a report
/// ([`xinfang_core::metrics::shares_bp`]).
pub fn shares(counts: &[u64]) -> Vec<u32> {
    xinfang_core::metrics::shares_bp(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caption(id: &str) -> Caption {
        Caption { id: id.into(), title: "标题".into(), desc: "说明".into() }
    }

    fn months() -> Vec<Datum> {
        (1..=12)
            .map(|m| Datum { label: format!("{m}月"), value: m * 10, key: format!("2026-{m:02}") })
            .collect()
    }

    #[test]
    fn a_bar_per_datum_with_labels_title_and_role() {
        let line = Series { name: "去年同期".into(), values: vec![5; 12] };
        let svg = bar_chart(&caption("chart-trend"), &months(), Some(&line));
        assert_eq!(svg.get("role"), Some("img"));
        assert_eq!(svg.get("aria-label"), Some("标题"));
        assert_eq!(svg.find_all("title", "")[0].text_content(), "标题");
        let bars = svg.find_all("rect", "bar");
        assert_eq!(bars.len(), 12);
        assert_eq!(bars[11].get("data-value"), Some("120"));
        assert_eq!(bars[0].get("data-key"), Some("2026-01"));
        let labels: Vec<String> =
            svg.find_all("text", "label").iter().map(|t| t.text_content()).collect();
        assert!(labels.contains(&"1月".to_string()) && labels.contains(&"去年同期".to_string()));
        // The tallest bar reaches the top of the axis (120 → 200), heights are proportional.
        let h = |i: usize| bars[i].get("height").unwrap().parse::<f64>().unwrap();
        assert!((h(11) / h(0) - 12.0).abs() < 0.1, "{} {}", h(11), h(0));
        assert_eq!(svg.find_all("polyline", "series").len(), 1);
    }

    #[test]
    fn empty_data_draw_flat_bars_without_dividing_by_zero() {
        let data: Vec<Datum> =
            (1..=3).map(|m| Datum { label: m.to_string(), value: 0, key: m.to_string() }).collect();
        let svg = bar_chart(&caption("c"), &data, None);
        for b in svg.find_all("rect", "bar") {
            assert_eq!(b.get("height"), Some("0"));
        }
        assert!(!svg.to_markup().contains("NaN"));
        assert!(bar_chart(&caption("c"), &[], None).find_all("rect", "bar").is_empty());
    }

    #[test]
    fn line_chart_has_one_polyline_per_series() {
        let labels: Vec<String> = (1..=4).map(|i| i.to_string()).collect();
        let series = [
            Series { name: "甲".into(), values: vec![1, 2, 3, 4] },
            Series { name: "乙".into(), values: vec![4, 3, 2, 1] },
        ];
        let svg = line_chart(&caption("l"), &labels, &series);
        let lines = svg.find_all("polyline", "series");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].get("points").unwrap().split(' ').count(), 4);
    }

    #[test]
    fn donut_and_stacked_bar_label_every_part() {
        let parts = vec![
            Part { label: "土地承包".into(), value: 21, share_bp: 2100 },
            Part { label: "<企业改制>".into(), value: 79, share_bp: 7900 },
        ];
        let donut = donut_chart(&caption("chart-categories"), &parts, "件");
        assert_eq!(donut.find_all("circle", "slice").len(), 2);
        let legend: Vec<String> =
            donut.find_all("text", "label").iter().map(|t| t.text_content()).collect();
        assert_eq!(legend, ["土地承包 21%（21件）", "<企业改制> 79%（79件）"]);
        let english = donut_chart(&caption("c"), &parts[..1], "");
        assert_eq!(english.find_all("text", "label")[0].text_content(), "土地承包 21% (21)");
        // User text is escaped in markup, never parsed.
        let markup = donut.to_markup();
        assert!(markup.contains("&lt;企业改制&gt;") && !markup.contains("<企业改制>"));
        // The slices' arcs add up to the whole ring.
        let total: f64 = donut
            .find_all("circle", "slice")
            .iter()
            .map(|c| c.get("stroke-dasharray").unwrap().split(' ').next().unwrap())
            .map(|l| l.parse::<f64>().unwrap())
            .sum();
        assert!((total - 2.0 * std::f64::consts::PI * 80.0).abs() < 0.5, "{total}");

        let mut mix = parts.clone();
        mix.push(Part { label: "传真".into(), value: 0, share_bp: 0 });
        let bar = stacked_bar(&caption("chart-channels"), &mix, "件");
        assert_eq!(bar.find_all("rect", "segment").len(), 2, "no empty segment");
        assert_eq!(bar.find_all("g", "legend").len(), 3, "every part in the legend");
    }

    #[test]
    fn shares_and_percentages() {
        assert_eq!(shares(&[1, 1, 1]), [3334, 3333, 3333]);
        assert_eq!(shares(&[0, 0]), [0, 0]);
        assert_eq!(shares(&[3, 1]), [7500, 2500]);
        assert_eq!(percent(2100), "21%");
        assert_eq!(percent(1250), "12.5%");
        assert_eq!(percent(3333), "33.33%");
        assert_eq!(nice_max(0), 1);
        assert_eq!(nice_max(120), 200);
        assert_eq!(nice_max(300), 500);
        assert_eq!(nice_max(5), 5);
    }
}
