//! The claim graph: entity, claim and source nodes. Every claim hangs off the
//! entity it is about (edge labelled with its predicate) and the source that
//! states it; rules walk it one (entity, predicate) group at a time.

use crate::claim::Claim;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Entity { key: String, label: String },
    Claim(usize),
    Source(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Edge {
    /// entity → claim, labelled with the claim's predicate
    About(String),
    /// claim → source
    StatedIn,
}

pub struct ClaimGraph {
    pub graph: DiGraph<Node, Edge>,
    /// Entity nodes in key order, so walks are deterministic.
    pub entities: Vec<NodeIndex>,
}

/// All claims about one entity with one predicate.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimGroup {
    pub entity_key: String,
    pub entity_label: String,
    pub predicate: String,
    /// Claim indices, in claim order.
    pub claims: Vec<usize>,
}

impl ClaimGraph {
    pub fn build(claims: &[Claim], source_count: usize) -> Self {
        let mut graph = DiGraph::new();
        let sources: Vec<NodeIndex> = (0..source_count)
            .map(|i| graph.add_node(Node::Source(i)))
            .collect();
        let mut entity_nodes: BTreeMap<&str, NodeIndex> = BTreeMap::new();
        for claim in claims {
            entity_nodes
                .entry(claim.subject.key.as_str())
                .or_insert_with(|| {
                    graph.add_node(Node::Entity {
                        key: claim.subject.key.clone(),
                        label: claim.subject.label.clone(),
                    })
                });
        }
        for (i, claim) in claims.iter().enumerate() {
            let claim_node = graph.add_node(Node::Claim(i));
            graph.add_edge(
                entity_nodes[claim.subject.key.as_str()],
                claim_node,
                Edge::About(claim.predicate.clone()),
            );
            graph.add_edge(claim_node, sources[claim.source], Edge::StatedIn);
        }
        let entities = entity_nodes.into_values().collect();
        ClaimGraph { graph, entities }
    }

    /// Claims grouped per (entity, predicate), entities in key order.
    pub fn groups(&self) -> Vec<ClaimGroup> {
        let mut out = Vec::new();
        for &entity in &self.entities {
            let Node::Entity { key, label } = &self.graph[entity] else {
                continue;
            };
            let mut by_predicate: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for edge in self.graph.edges_directed(entity, Direction::Outgoing) {
                if let (Edge::About(predicate), Node::Claim(claim)) =
                    (edge.weight(), &self.graph[edge.target()])
                {
                    by_predicate.entry(predicate).or_default().push(*claim);
                }
            }
            for (predicate, mut claims) in by_predicate {
                claims.sort_unstable();
                out.push(ClaimGroup {
                    entity_key: key.clone(),
                    entity_label: label.clone(),
                    predicate: predicate.to_string(),
                    claims,
                });
            }
        }
        out
    }

    pub fn entity_count(&self) -> usize {
        self.entities.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{Qualifiers, Subject, SubjectKind, Value};
    use crate::span::Span;

    fn claim(source: usize, key: &str, predicate: &str) -> Claim {
        Claim {
            source,
            subject: Subject {
                text: key.into(),
                kind: SubjectKind::Person,
                key: key.into(),
                label: key.into(),
            },
            predicate: predicate.into(),
            value: Value::text("v", "v"),
            span: Span::new(0, 1),
            sentence: Span::new(0, 1),
            qualifiers: Qualifiers::default(),
        }
    }

    #[test]
    fn groups_claims_per_entity_and_predicate_in_key_order() {
        let claims = vec![
            claim(0, "person:b", "age"),
            claim(1, "person:a", "first_name"),
            claim(1, "person:b", "age"),
            claim(0, "person:b", "first_name"),
        ];
        let graph = ClaimGraph::build(&claims, 2);
        assert_eq!(graph.entity_count(), 2);
        let groups: Vec<(String, String, Vec<usize>)> = graph
            .groups()
            .into_iter()
            .map(|g| (g.entity_key, g.predicate, g.claims))
            .collect();
        assert_eq!(
            groups,
            vec![
                ("person:a".into(), "first_name".into(), vec![1]),
                ("person:b".into(), "age".into(), vec![0, 2]),
                ("person:b".into(), "first_name".into(), vec![3]),
            ]
        );
        // Every claim is tied to its source.
        let stated_in = graph
            .graph
            .edge_weights()
            .filter(|e| **e == Edge::StatedIn)
            .count();
        assert_eq!(stated_in, 4);
    }
}
