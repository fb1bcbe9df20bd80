//! A small layered layout for the focus graph of one finding or entity.
//!
//! Nodes sit in columns (layers); edges join nodes of adjacent layers. Each
//! layer after the first is ordered by the mean row of its neighbours in the
//! layer before (the barycentre heuristic), which keeps crossings few without
//! an iterative solver, and layers are centred on the tallest one. Boxes have
//! a fixed height and a width set by their label, which is cut to a fixed
//! number of characters: text can never run out of its box, and boxes of one
//! column never share a row, so no two labels can overlap.

/// Characters a label may keep; longer labels end in `…` (the full text goes in a tooltip).
pub const LABEL_CHARS: usize = 30;
/// An upper bound on a character's advance at the graph's font size, so a box
/// always holds its label.
pub const CHAR_WIDTH: f64 = 8.0;
pub const BOX_HEIGHT: f64 = 26.0;
const PADDING: f64 = 10.0;
const ROW_GAP: f64 = 12.0;
const COLUMN_GAP: f64 = 56.0;
const MARGIN: f64 = 4.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Input order within its layer.
    pub id: usize,
    pub layer: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    /// The label as drawn (cut to [`LABEL_CHARS`]).
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub nodes: Vec<Placed>,
    pub width: f64,
    pub height: f64,
}

impl Layout {
    /// Where in `nodes` the node `id` of `layer` was placed.
    pub fn index(&self, layer: usize, id: usize) -> Option<usize> {
        self.nodes
            .iter()
            .position(|n| n.layer == layer && n.id == id)
    }

    #[cfg(test)]
    fn node(&self, layer: usize, id: usize) -> Option<&Placed> {
        self.index(layer, id).map(|i| &self.nodes[i])
    }
}

/// Monospace columns a label takes: East Asian wide characters and emoji take two.
pub fn columns(label: &str) -> usize {
    label
        .chars()
        .map(|c| {
            let wide = matches!(u32::from(c),
                0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
                | 0x1F300..=0x1FAFF | 0x20000..=0x3FFFD);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

pub fn cut(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let kept: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", kept.trim_end())
}

/// Lays out `layers` (each a list of labels) with `edges` given as
/// (layer, id in layer, id in the next layer).
pub fn layered(layers: &[Vec<String>], edges: &[(usize, usize, usize)]) -> Layout {
    // Rows: input order for the first layer, barycentres after.
    let mut rows: Vec<Vec<usize>> = Vec::with_capacity(layers.len());
    for (l, labels) in layers.iter().enumerate() {
        let mut order: Vec<usize> = (0..labels.len()).collect();
        if l > 0 {
            let previous = &rows[l - 1];
            let row_of = |id: usize| previous.iter().position(|&p| p == id).unwrap_or(0);
            let centre = |id: usize| {
                let linked: Vec<usize> = edges
                    .iter()
                    .filter(|&&(el, _, to)| el == l - 1 && to == id)
                    .map(|&(_, from, _)| row_of(from))
                    .collect();
                if linked.is_empty() {
                    f64::MAX
                } else {
                    linked.iter().sum::<usize>() as f64 / linked.len() as f64
                }
            };
            order.sort_by(|&a, &b| centre(a).total_cmp(&centre(b)).then(a.cmp(&b)));
        }
        rows.push(order);
    }
    let tallest = rows.iter().map(Vec::len).max().unwrap_or(0);
    let span = |n: usize| n as f64 * BOX_HEIGHT + n.saturating_sub(1) as f64 * ROW_GAP;
    let height = span(tallest) + 2.0 * MARGIN;
    let mut nodes = Vec::new();
    let mut x = MARGIN;
    for (l, order) in rows.iter().enumerate() {
        let cut_labels: Vec<String> = order.iter().map(|&id| cut(&layers[l][id])).collect();
        let widest = cut_labels.iter().map(|s| columns(s)).max().unwrap_or(0);
        let width = widest as f64 * CHAR_WIDTH + 2.0 * PADDING;
        let top = MARGIN + (span(tallest) - span(order.len())) / 2.0;
        for (row, (&id, label)) in order.iter().zip(cut_labels).enumerate() {
            nodes.push(Placed {
                id,
                layer: l,
                x,
                y: top + row as f64 * (BOX_HEIGHT + ROW_GAP),
                width,
                label,
            });
        }
        x += width + COLUMN_GAP;
    }
    let width = (x - COLUMN_GAP + MARGIN).max(2.0 * MARGIN);
    Layout {
        nodes,
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    fn overlap(a: &Placed, b: &Placed) -> bool {
        a.x < b.x + b.width
            && b.x < a.x + a.width
            && a.y < b.y + BOX_HEIGHT
            && b.y < a.y + BOX_HEIGHT
    }

    #[test]
    fn no_two_boxes_overlap_and_every_label_fits() {
        let layers = vec![
            labels(&["an entity with a rather long name indeed"]),
            labels(&["a", "value two", "a third value"]),
            labels(&["x/1.txt", "y/2.txt", "z/3.txt", "w/4.txt", "v/5.txt"]),
        ];
        let edges = [
            (0, 0, 0),
            (0, 0, 1),
            (0, 0, 2),
            (1, 0, 4),
            (1, 1, 0),
            (1, 2, 3),
        ];
        let layout = layered(&layers, &edges);
        assert_eq!(layout.nodes.len(), 9);
        for (i, a) in layout.nodes.iter().enumerate() {
            assert!(a.label.chars().count() <= LABEL_CHARS);
            assert!(a.label.chars().count() as f64 * CHAR_WIDTH <= a.width);
            assert!(a.x + a.width <= layout.width && a.y + BOX_HEIGHT <= layout.height);
            for b in &layout.nodes[i + 1..] {
                assert!(!overlap(a, b), "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn the_first_layer_is_centred_and_later_layers_follow_their_neighbours() {
        let layers = vec![
            labels(&["e"]),
            labels(&["v1", "v2"]),
            labels(&["s1", "s2", "s3"]),
        ];
        // v1 is stated by s3, v2 by s1 and s2: s3 goes up beside v1.
        let edges = [(0, 0, 0), (0, 0, 1), (1, 0, 2), (1, 1, 0), (1, 1, 1)];
        let layout = layered(&layers, &edges);
        let entity = layout.node(0, 0).unwrap();
        let (s1, s3) = (layout.node(2, 0).unwrap(), layout.node(2, 2).unwrap());
        assert!(s3.y < s1.y);
        let middle = layout.height / 2.0;
        assert!((entity.y + BOX_HEIGHT / 2.0 - middle).abs() < 1e-9);
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        let long = "é".repeat(80);
        let cut = cut(&long);
        assert_eq!(cut.chars().count(), LABEL_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(super::cut("short"), "short");
        assert_eq!(columns("東京 ab"), 7);
    }

    #[test]
    fn empty_input_gives_an_empty_layout() {
        let layout = layered(&[], &[]);
        assert!(layout.nodes.is_empty());
        assert!(layout.width > 0.0 && layout.height > 0.0);
    }
}
