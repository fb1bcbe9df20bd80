//! The claim graph: entity and source nodes, one edge per claim. An edge runs
//! from the entity a claim is about to the source that states it, labelled
//! with the claim; rules walk the graph one (entity, predicate) group at a time.

use crate::claim::Claim;
use petgraph::graph::{DiGraph, NodeIndex};

/// Nodes borrow their text from the claims: building the graph copies no string.
#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    Entity { key: &'a str, label: &'a str },
    Source(usize),
}

/// entity → source: the source states this claim (an index into the run's
/// claims, whose predicate labels the edge) about the entity. A claim is an
/// edge, not a node with two edges, so the graph costs a few words per claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Statement {
    pub claim: usize,
}

pub struct ClaimGraph<'a> {
    pub graph: DiGraph<Node<'a>, Statement>,
    /// Entity nodes in key order, so walks are deterministic.
    pub entities: Vec<NodeIndex>,
    /// The targets of every entity's `About` edges, gathered while the graph is
    /// built: claim indices by entity (key order), predicate, then claim order.
    about: Vec<usize>,
    /// One (entity, predicate) run of `about` per group: key, label, predicate, end.
    runs: Vec<(&'a str, &'a str, &'a str, usize)>,
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

/// Small dense ids for distinct strings, in order of first appearance.
struct Interner<'a> {
    ids: foldhash::HashMap<&'a str, usize>,
    /// The first claim naming each.
    first: Vec<usize>,
}

impl<'a> Interner<'a> {
    fn ids(claims: &'a [Claim], text: impl Fn(&'a Claim) -> &'a str) -> (Vec<usize>, Vec<usize>) {
        let mut interner = Interner {
            ids: foldhash::HashMap::default(),
            first: Vec::new(),
        };
        let ids = claims
            .iter()
            .enumerate()
            .map(|(i, claim)| {
                *interner.ids.entry(text(claim)).or_insert_with(|| {
                    interner.first.push(i);
                    interner.first.len() - 1
                })
            })
            .collect();
        (ids, interner.first)
    }
}

/// Ranks of the ids when their texts are sorted.
fn ranks<'a>(first: &[usize], text: impl Fn(usize) -> &'a str) -> (Vec<usize>, Vec<usize>) {
    let mut order: Vec<usize> = (0..first.len()).collect();
    order.sort_unstable_by_key(|&id| text(first[id]));
    let mut rank = vec![0; first.len()];
    for (position, &id) in order.iter().enumerate() {
        rank[id] = position;
    }
    (order, rank)
}

impl<'a> ClaimGraph<'a> {
    pub fn build(claims: &'a [Claim], source_count: usize) -> Self {
        // Entities in order of first mention: the claim that first names each.
        let (claim_entity, first_claims) = Interner::ids(claims, |c| &c.subject.key);
        // An entity's label is the first one its claims give: a claim that names
        // no label (a weekday of "the exchange") must not blank it, whatever the
        // order of the sources.
        let mut labels: Vec<&str> = vec![""; first_claims.len()];
        for (claim, &entity) in claims.iter().zip(&claim_entity) {
            if labels[entity].is_empty() {
                labels[entity] = &claim.subject.label;
            }
        }
        // Only the sources that state a claim get a node: a story's graph is
        // built from its own claims, and must not cost a node per source of the
        // whole run.
        let mut stating: Vec<usize> = claims.iter().map(|c| c.source).collect();
        stating.sort_unstable();
        stating.dedup();
        debug_assert!(stating.last().is_none_or(|&last| last < source_count));
        let mut graph = DiGraph::with_capacity(stating.len() + first_claims.len(), claims.len());
        let source_nodes: Vec<NodeIndex> = stating
            .iter()
            .map(|&i| graph.add_node(Node::Source(i)))
            .collect();
        let node_of_source = |source: usize| {
            let at = stating
                .binary_search(&source)
                .expect("every claim's source has a node");
            source_nodes[at]
        };
        let entity_nodes: Vec<NodeIndex> = first_claims
            .iter()
            .zip(&labels)
            .map(|(&i, &label)| {
                graph.add_node(Node::Entity {
                    key: &claims[i].subject.key,
                    label,
                })
            })
            .collect();
        for (i, claim) in claims.iter().enumerate() {
            graph.add_edge(
                entity_nodes[claim_entity[i]],
                node_of_source(claim.source),
                Statement { claim: i },
            );
        }
        let key = |i: usize| claims[i].subject.key.as_str();
        let (entity_order, entity_rank) = ranks(&first_claims, key);
        let (claim_predicate, first_predicates) = Interner::ids(claims, |c| c.predicate);
        let (_, predicate_rank) = ranks(&first_predicates, |i| claims[i].predicate);
        // Claims bucketed by entity rank (a stable counting sort keeps claim order),
        // then each entity's claims stably sorted by predicate.
        let mut starts = vec![0; first_claims.len() + 1];
        for &entity in &claim_entity {
            starts[entity_rank[entity] + 1] += 1;
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut next = starts.clone();
        let mut about = vec![0; claims.len()];
        for (i, &entity) in claim_entity.iter().enumerate() {
            let slot = &mut next[entity_rank[entity]];
            about[*slot] = i;
            *slot += 1;
        }
        let mut runs = Vec::new();
        for (rank, &entity) in entity_order.iter().enumerate() {
            let (start, end) = (starts[rank], starts[rank + 1]);
            let bucket = &mut about[start..end];
            bucket.sort_by_key(|&i| predicate_rank[claim_predicate[i]]);
            let first = &claims[first_claims[entity]];
            let mut offset = start;
            for run in bucket.chunk_by(|&a, &b| claim_predicate[a] == claim_predicate[b]) {
                offset += run.len();
                runs.push((
                    first.subject.key.as_str(),
                    labels[entity],
                    claims[run[0]].predicate,
                    offset,
                ));
            }
        }
        let entities = entity_order.iter().map(|&e| entity_nodes[e]).collect();
        ClaimGraph {
            graph,
            entities,
            about,
            runs,
        }
    }

    /// Claims grouped per (entity, predicate), entities in key order.
    pub fn groups(&self) -> Vec<ClaimGroup<'a>> {
        let mut start = 0;
        self.runs
            .iter()
            .map(|&(entity_key, entity_label, predicate, end)| {
                let claims = self.about[start..end].to_vec();
                start = end;
                ClaimGroup {
                    entity_key,
                    entity_label,
                    predicate,
                    claims,
                }
            })
            .collect()
    }

    pub fn entity_count(&self) -> usize {
        self.entities.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{QualifierBox, Subject, SubjectKind, Value};
    use crate::span::Span;

    fn claim(source: usize, key: &str, predicate: &'static str) -> Claim {
        Claim {
            source,
            subject: Subject {
                text: key.into(),
                kind: SubjectKind::Person,
                key: key.into(),
                label: key.into(),
            },
            predicate,
            value: Value::text("v", "v"),
            span: Span::new(0, 1),
            sentence: Span::new(0, 1),
            qualifiers: QualifierBox::default(),
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
        // Every claim is an edge from its entity to its source.
        assert_eq!(graph.graph.edge_count(), 4);
        let b = graph.entities[1];
        let mut about_b: Vec<(usize, usize)> = graph
            .graph
            .edges(b)
            .map(|e| {
                use petgraph::visit::EdgeRef;
                let Node::Source(source) = graph.graph[e.target()] else {
                    panic!("edges end at sources");
                };
                (e.weight().claim, source)
            })
            .collect();
        about_b.sort_unstable();
        assert_eq!(about_b, vec![(0, 0), (2, 1), (3, 0)]);
    }
}
