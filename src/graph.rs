//! The claim graph: entity, claim and source nodes. Every claim hangs off the
//! entity it is about (edge labelled with its predicate) and the source that
//! states it; rules walk it one (entity, predicate) group at a time.

use crate::claim::Claim;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

/// Nodes and edges borrow their text from the claims: building the graph copies
/// no string.
#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    Entity { key: &'a str, label: &'a str },
    Claim(usize),
    Source(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Edge<'a> {
    /// entity → claim, labelled with the claim's predicate
    About(&'a str),
    /// claim → source
    StatedIn,
}

pub struct ClaimGraph<'a> {
    pub graph: DiGraph<Node<'a>, Edge<'a>>,
    /// Entity nodes in key order, so walks are deterministic.
    pub entities: Vec<NodeIndex>,
}

/// All claims about one entity with one predicate.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimGroup<'a> {
    pub entity_key: &'a str,
    pub entity_label: &'a str,
    pub predicate: &'a str,
    /// Claim indices, in claim order.
    pub claims: Vec<usize>,
}

impl<'a> ClaimGraph<'a> {
    pub fn build(claims: &'a [Claim], source_count: usize) -> Self {
        // Entities in order of first mention: the claim that first names each.
        let mut entity_of: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
        let mut first_claims: Vec<usize> = Vec::new();
        let claim_entity: Vec<usize> = claims
            .iter()
            .enumerate()
            .map(|(i, claim)| {
                *entity_of
                    .entry(claim.subject.key.as_str())
                    .or_insert_with(|| {
                        first_claims.push(i);
                        first_claims.len() - 1
                    })
            })
            .collect();
        drop(entity_of);
        let mut graph = DiGraph::with_capacity(
            source_count + first_claims.len() + claims.len(),
            2 * claims.len(),
        );
        let sources: Vec<NodeIndex> = (0..source_count)
            .map(|i| graph.add_node(Node::Source(i)))
            .collect();
        let entity_nodes: Vec<NodeIndex> = first_claims
            .iter()
            .map(|&i| {
                graph.add_node(Node::Entity {
                    key: &claims[i].subject.key,
                    label: &claims[i].subject.label,
                })
            })
            .collect();
        for (i, claim) in claims.iter().enumerate() {
            let claim_node = graph.add_node(Node::Claim(i));
            graph.add_edge(
                entity_nodes[claim_entity[i]],
                claim_node,
                Edge::About(&claim.predicate),
            );
            graph.add_edge(claim_node, sources[claim.source], Edge::StatedIn);
        }
        let mut order: Vec<usize> = (0..first_claims.len()).collect();
        order.sort_unstable_by_key(|&e| claims[first_claims[e]].subject.key.as_str());
        let entities = order.into_iter().map(|e| entity_nodes[e]).collect();
        ClaimGraph { graph, entities }
    }

    /// Claims grouped per (entity, predicate), entities in key order.
    pub fn groups(&self) -> Vec<ClaimGroup<'a>> {
        let mut out = Vec::new();
        let mut about: Vec<(&str, usize)> = Vec::new();
        for &entity in &self.entities {
            let Node::Entity { key, label } = &self.graph[entity] else {
                continue;
            };
            about.clear();
            for edge in self.graph.edges_directed(entity, Direction::Outgoing) {
                if let (Edge::About(predicate), Node::Claim(claim)) =
                    (edge.weight(), &self.graph[edge.target()])
                {
                    about.push((*predicate, *claim));
                }
            }
            about.sort_unstable();
            for run in about.chunk_by(|a, b| a.0 == b.0) {
                out.push(ClaimGroup {
                    entity_key: key,
                    entity_label: label,
                    predicate: run[0].0,
                    claims: run.iter().map(|&(_, claim)| claim).collect(),
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
            .map(|g| (g.entity_key.to_string(), g.predicate.to_string(), g.claims))
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
