//! The graph of one finding or one entity, read from the run's findings: the
//! entity, the values its sources state, and the sources behind each value.
//! Only contradicting values are drawn, so the picture answers "who said
//! what" and nothing else.

use super::layout::{self, Layout};
use super::{human, Analysis, Finding};
use serde::Serialize;
use std::collections::BTreeMap;

/// Sources drawn beside one value; the rest are counted in one "+N more" box.
const SOURCES_PER_VALUE: usize = 6;
/// Values drawn in an entity's graph (its findings' values, most severe first).
const VALUES_PER_ENTITY: usize = 12;

/// A laid-out graph, as the script draws it: integer pixel boxes.
#[derive(Debug, Serialize)]
pub struct Graph {
    pub width: u32,
    pub height: u32,
    /// x, y, width, kind, drawn label, full text (tooltip; empty when the label is all of it).
    pub nodes: Vec<(u32, u32, u32, &'static str, String, String)>,
    /// Node indices.
    pub edges: Vec<(usize, usize)>,
}

/// A value and the sources stating it: (source index, lines).
struct Value {
    label: String,
    title: String,
    sources: BTreeMap<usize, Vec<usize>>,
}

/// `folder/file`: enough of a path to tell two stories' `01.txt` apart.
pub fn short_path(path: &str) -> String {
    let parts: Vec<&str> = path.split(['/', '\\']).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [.., folder, file] => format!("{folder}/{file}"),
        [file] => (*file).to_string(),
        [] => path.to_string(),
    }
}

/// The entity's name as a reviewer reads it; an entity the extractor could
/// not name (an unnamed event) is called by what is claimed of it.
pub fn entity_label(finding: &Finding) -> String {
    if finding.entity.trim().is_empty() {
        format!("the {}", human(&finding.predicate))
    } else {
        finding.entity.clone()
    }
}

fn values_of(analysis: &Analysis, finding: &Finding, prefix: bool) -> Vec<Value> {
    let what = human(&finding.predicate);
    finding
        .values
        .iter()
        .map(|v| {
            let mut sources: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
            for claim in v.claims.iter().filter_map(|&c| analysis.claims.get(c)) {
                if let Some(source) = analysis.sources.held().get(claim.source) {
                    let (line, _) = source.line_column(claim.span.start());
                    sources.entry(claim.source).or_default().push(line);
                }
            }
            let label = if prefix {
                format!("{what}: {}", v.value)
            } else {
                v.value.clone()
            };
            Value {
                title: label.clone(),
                label,
                sources,
            }
        })
        .collect()
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn draw(analysis: &Analysis, entity: String, values: Vec<Value>) -> Graph {
    // Layer 2: each source once, however many values it states, then one
    // "+N more" box per value whose sources were cut.
    let mut source_ids: BTreeMap<usize, usize> = BTreeMap::new();
    let mut source_layer: Vec<(String, String)> = Vec::new();
    let mut edges: Vec<(usize, usize, usize)> = Vec::new();
    for (v, value) in values.iter().enumerate() {
        edges.push((0, 0, v));
        for (&source, lines) in value.sources.iter().take(SOURCES_PER_VALUE) {
            let id = *source_ids.entry(source).or_insert_with(|| {
                let path = analysis
                    .sources
                    .held()
                    .get(source)
                    .map_or("", |s| s.path.as_str());
                source_layer.push((short_path(path), path.to_string()));
                source_layer.len() - 1
            });
            let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
            let title = &mut source_layer[id].1;
            title.push_str(&format!(":{}", lines.join(",")));
            edges.push((1, v, id));
        }
    }
    for (v, value) in values.iter().enumerate() {
        let hidden = value.sources.len().saturating_sub(SOURCES_PER_VALUE);
        if hidden > 0 {
            let text = format!("+{hidden} more source{}", plural(hidden));
            source_layer.push((text.clone(), format!("{}: {text}", value.label)));
            edges.push((1, v, source_layer.len() - 1));
        }
    }
    let layers = vec![
        vec![entity.clone()],
        values.iter().map(|v| v.label.clone()).collect(),
        source_layer
            .iter()
            .map(|(label, _)| label.clone())
            .collect(),
    ];
    let titles = [
        vec![entity],
        values.iter().map(|v| v.title.clone()).collect(),
        source_layer.into_iter().map(|(_, title)| title).collect(),
    ];
    let placed = layout::layered(&layers, &edges);
    let index_of = |layer: usize, id: usize| placed.index(layer, id).unwrap_or(0);
    let Layout {
        ref nodes,
        width,
        height,
    } = placed;
    // Entity, value, source: one letter each, as the script and its CSS read them.
    const KINDS: [&str; 3] = ["e", "v", "s"];
    Graph {
        width: width.ceil() as u32,
        height: height.ceil() as u32,
        edges: edges
            .iter()
            .map(|&(layer, from, to)| (index_of(layer, from), index_of(layer + 1, to)))
            .collect(),
        nodes: nodes
            .iter()
            .map(|n| {
                (
                    n.x.round() as u32,
                    n.y.round() as u32,
                    n.width.ceil() as u32,
                    KINDS[n.layer.min(2)],
                    n.label.clone(),
                    {
                        // A tooltip only where it says more than the box.
                        let title = &titles[n.layer.min(2)][n.id];
                        if *title == n.label {
                            String::new()
                        } else {
                            title.clone()
                        }
                    },
                )
            })
            .collect(),
    }
}

/// One finding: its entity, its values, their sources.
pub fn finding(analysis: &Analysis, finding: &Finding) -> Graph {
    let values = values_of(analysis, finding, false);
    draw(analysis, entity_label(finding), values)
}

/// One entity with several findings: every value of every finding, each
/// labelled with what it is a value of. `None` for an entity with one
/// finding, whose own graph says the same.
pub fn entity(analysis: &Analysis, members: &[usize]) -> Option<Graph> {
    if members.len() < 2 {
        return None;
    }
    let first = analysis.findings.held().get(*members.first()?)?;
    let mut values: Vec<Value> = Vec::new();
    for &m in members {
        for value in values_of(analysis, &analysis.findings.held()[m], true) {
            match values.iter_mut().find(|v| v.label == value.label) {
                Some(same) => {
                    for (source, lines) in value.sources {
                        same.sources.entry(source).or_default().extend(lines);
                    }
                }
                None => values.push(value),
            }
        }
    }
    values.truncate(VALUES_PER_ENTITY);
    Some(draw(analysis, entity_label(first), values))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_paths_keep_the_folder() {
        assert_eq!(short_path("corpus/story-a/01.txt"), "story-a/01.txt");
        assert_eq!(short_path("01.txt"), "01.txt");
        assert_eq!(short_path("a\\b\\c.md"), "b/c.md");
        assert_eq!(short_path(""), "");
    }

    #[test]
    fn keys_read_as_words() {
        assert_eq!(human("head_of_government"), "head of government");
        assert_eq!(human("first_name"), "first name");
        assert_eq!(human("event-weekday"), "event weekday");
    }
}
