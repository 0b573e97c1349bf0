//! The co-occurrence network of the Entities view: the top entities of the scope as nodes (radius
//! by mentions, colour by type) and the strongest pairs among them as edges (width and opacity by
//! G²), laid out by a small force-directed simulation (Fruchterman–Reingold) that runs a few
//! iterations per frame until it cools down, then stops asking for repaints.
//!
//! Positions live in a fixed world square `[-1, 1]²` mapped onto the drawing rect, so dragging a
//! node (which pins it) never rescales the picture. Nodes and edges are rebuilt only when the
//! scope, the node count or the edge minimum change; positions of entities that stay are kept.

use std::collections::HashMap;

use egui::{Color32, FontId, Pos2, Rect, Sense, Stroke, Ui, Vec2, pos2, vec2};

use crate::analysis::{EntityKind, EntityStat};
use crate::gui::cache::CacheKey;
use crate::gui::charts::{self, fmt_f, fmt_int};
use crate::gui::scope::Scope;

/// The most edges drawn (the strongest by G²), to keep big graphs readable and fast: three per
/// node, at most 400 (news corpora name most big entities together somewhere, so a count
/// minimum alone leaves a hairball).
pub const MAX_EDGES: usize = 400;
const EDGES_PER_NODE: usize = 3;
/// Pair-force evaluations per frame; small graphs settle within a frame or two.
const WORK_PER_FRAME: usize = 60_000;
/// The simulation stops when the step size falls below this (world units).
const SETTLED_TEMPERATURE: f32 = 0.002;
const START_TEMPERATURE: f32 = 0.12;
const COOLING: f32 = 0.97;

/// One entity in the network.
#[derive(Clone, Debug)]
pub struct Node {
    pub entity: u32,
    pub name: String,
    pub kind: EntityKind,
    pub mentions: u64,
    pub pos: Vec2,
    pub pinned: bool,
    /// Radius in points, by mentions (square-root scale).
    pub radius: f32,
}

/// A pair of shown entities named in the same articles.
#[derive(Clone, Debug)]
pub struct Edge {
    pub a: usize,
    pub b: usize,
    pub log_likelihood: f64,
    pub article_count: u64,
    /// 0..=1, by G² relative to the strongest shown edge.
    pub weight: f32,
}

/// What the network settings select: (scope key, nodes, minimum shared articles).
type NetworkKey = (u64, usize, u64);

/// The network's nodes, edges and layout state.
#[derive(Default)]
pub struct Network {
    key: CacheKey<NetworkKey>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Entities in the scope (the "of M" in "N of M entities shown").
    pub total_entities: usize,
    /// Edges that passed the minimum before the cap.
    pub edges_available: usize,
    temperature: f32,
    dragging: Option<usize>,
}

/// What the user did in the network this frame.
#[derive(Clone, Copy, Debug, Default)]
pub struct NetworkResponse {
    /// The entity whose node was clicked.
    pub clicked: Option<u32>,
    pub rect: Option<Rect>,
}

/// Where node `i` of `n` starts: a golden-angle spiral, deterministic and evenly spread.
fn spiral(i: usize, n: usize) -> Vec2 {
    let r = 0.85 * ((i as f32 + 0.5) / n.max(1) as f32).sqrt();
    let theta = i as f32 * 2.399_963;
    vec2(r * theta.cos(), r * theta.sin())
}

/// Node radius in points for `mentions` when the largest node has `max_mentions`.
fn node_radius(mentions: u64, max_mentions: u64) -> f32 {
    4.0 + 14.0 * (mentions as f32 / max_mentions.max(1) as f32).sqrt()
}

impl Network {
    /// Rebuild nodes and edges when the scope or the settings changed.
    pub fn refresh(&mut self, scope: &Scope, max_nodes: usize, min_articles: u64) {
        let key = (scope.key, max_nodes, min_articles);
        if self.key.is(&key) {
            return;
        }
        let ents = &scope.analysis.entities.entities;
        let stats: &[EntityStat] = scope.entity_stats();
        self.total_entities = stats.len();
        let old: HashMap<u32, (Vec2, bool)> = self
            .nodes
            .iter()
            .map(|n| (n.entity, (n.pos, n.pinned)))
            .collect();
        let shown: Vec<&EntityStat> = stats.iter().take(max_nodes).collect();
        let max_mentions = shown.first().map_or(1, |s| s.mentions);
        self.nodes = shown
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let e = ents.get(s.entity as usize)?;
                let (pos, pinned) = old
                    .get(&s.entity)
                    .copied()
                    .unwrap_or((spiral(i, shown.len()), false));
                Some(Node {
                    entity: s.entity,
                    name: e.name.clone(),
                    kind: e.kind,
                    mentions: s.mentions,
                    pos,
                    pinned,
                    radius: node_radius(s.mentions, max_mentions),
                })
            })
            .collect();
        let index: HashMap<u32, usize> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.entity, i))
            .collect();
        let mut edges: Vec<Edge> = scope
            .analysis
            .entity_pairs
            .iter()
            .filter(|p| p.article_count >= min_articles)
            .filter_map(|p| {
                Some(Edge {
                    a: *index.get(&p.a)?,
                    b: *index.get(&p.b)?,
                    log_likelihood: p.log_likelihood,
                    article_count: p.article_count,
                    weight: 0.0,
                })
            })
            .collect();
        edges.sort_by(|x, y| {
            y.log_likelihood
                .total_cmp(&x.log_likelihood)
                .then_with(|| (x.a, x.b).cmp(&(y.a, y.b)))
        });
        self.edges_available = edges.len();
        edges.truncate(MAX_EDGES.min(EDGES_PER_NODE * self.nodes.len()));
        let max_g2 = edges.first().map_or(1.0, |e| e.log_likelihood.max(1e-9));
        for e in &mut edges {
            e.weight = (e.log_likelihood.max(0.0) / max_g2).sqrt() as f32;
        }
        self.edges = edges;
        self.temperature = START_TEMPERATURE;
        self.dragging = None;
        self.key.set(key);
    }

    /// Forget every position and pin, and lay the graph out again.
    pub fn relayout(&mut self) {
        let n = self.nodes.len();
        for (i, node) in self.nodes.iter_mut().enumerate() {
            node.pos = spiral(i, n);
            node.pinned = false;
        }
        self.temperature = START_TEMPERATURE;
    }

    /// Whether the layout still moves.
    pub fn is_settled(&self) -> bool {
        self.temperature < SETTLED_TEMPERATURE
    }

    /// One iteration of Fruchterman–Reingold in the world square, plus a weak pull to the centre
    /// so entities without links do not drift into the corners.
    pub fn step(&mut self) {
        let n = self.nodes.len();
        if n == 0 {
            self.temperature = 0.0;
            return;
        }
        let k = 0.9 * (4.0 / n as f32).sqrt();
        let mut disp = vec![Vec2::ZERO; n];
        for i in 0..n {
            for j in (i + 1)..n {
                let d = self.nodes[i].pos - self.nodes[j].pos;
                let dist = d.length().max(0.01);
                let f = d / dist * (k * k / dist);
                disp[i] += f;
                disp[j] -= f;
            }
        }
        for e in &self.edges {
            let d = self.nodes[e.a].pos - self.nodes[e.b].pos;
            let dist = d.length().max(0.01);
            let f = d / dist * (dist * dist / k) * (0.2 + 0.8 * e.weight);
            disp[e.a] -= f;
            disp[e.b] += f;
        }
        let t = self.temperature;
        for (node, d) in self.nodes.iter_mut().zip(disp) {
            if node.pinned {
                continue;
            }
            // Gravity grows near the edge so unlinked nodes stay inside instead of piling up
            // in the corners.
            let d = d - node.pos * (k * (0.4 + 1.5 * node.pos.length_sq()));
            let len = d.length();
            if len > 0.0 {
                node.pos += d / len * len.min(t);
            }
            node.pos = node.pos.clamp(Vec2::splat(-1.0), Vec2::splat(1.0));
        }
        self.temperature *= COOLING;
    }

    /// Run the iterations this frame may spend.
    fn advance(&mut self) {
        let n = self.nodes.len().max(1);
        let iterations = (WORK_PER_FRAME / (n * n)).clamp(2, 300);
        for _ in 0..iterations {
            if self.is_settled() {
                break;
            }
            self.step();
        }
    }

    /// Draw the network in the rest of `ui`; `selected` is ringed and its edges highlighted.
    pub fn ui(&mut self, ui: &mut Ui, dark: bool, selected: Option<u32>) -> NetworkResponse {
        if !self.is_settled() {
            self.advance();
            ui.ctx().request_repaint();
        }
        let size = ui.available_size().max(vec2(200.0, 200.0));
        let (rect, resp) = ui.allocate_exact_size(size, Sense::click_and_drag());
        resp.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Figure, true, "Co-occurrence network")
        });
        let margin = vec2(60.0, 30.0);
        let half = ((rect.size() - margin * 2.0) / 2.0).max(vec2(20.0, 20.0));
        let center = rect.center();
        let to_screen = |p: Vec2| center + p * half;
        let pointer = resp.hover_pos().or(resp.interact_pointer_pos());
        let hovered = pointer.and_then(|p| self.node_at(p, &to_screen));
        if resp.drag_started() {
            self.dragging = hovered;
        }
        if resp.dragged()
            && let Some(i) = self.dragging
            && let Some(node) = self.nodes.get_mut(i)
        {
            node.pos =
                (node.pos + resp.drag_delta() / half).clamp(Vec2::splat(-1.0), Vec2::splat(1.0));
            node.pinned = true;
            self.temperature = self.temperature.max(0.02);
        }
        if resp.drag_stopped() {
            self.dragging = None;
        }
        let mut out = NetworkResponse {
            rect: Some(rect),
            ..NetworkResponse::default()
        };
        if resp.clicked() {
            out.clicked = hovered.and_then(|i| self.nodes.get(i)).map(|n| n.entity);
        }
        self.paint(ui, rect, &to_screen, dark, selected, hovered);
        if let Some(node) = hovered.and_then(|i| self.nodes.get(i))
            && self.dragging.is_none()
        {
            let links = self
                .edges
                .iter()
                .filter(|e| {
                    self.nodes[e.a].entity == node.entity || self.nodes[e.b].entity == node.entity
                })
                .count();
            let text = format!(
                "{} ({})\n{} mentions\n{} links shown{}",
                node.name,
                node.kind.as_str(),
                fmt_int(node.mentions),
                links,
                if node.pinned {
                    "\npinned (Re-layout frees it)"
                } else {
                    ""
                }
            );
            resp.on_hover_text_at_pointer(text);
        }
        out
    }

    /// The node under a screen position (the topmost, i.e. the last drawn).
    fn node_at(&self, p: Pos2, to_screen: &impl Fn(Vec2) -> Pos2) -> Option<usize> {
        self.nodes
            .iter()
            .enumerate()
            .rev()
            .find(|(_, n)| to_screen(n.pos).distance(p) <= n.radius + 3.0)
            .map(|(i, _)| i)
    }

    fn paint(
        &self,
        ui: &Ui,
        rect: Rect,
        to_screen: &impl Fn(Vec2) -> Pos2,
        dark: bool,
        selected: Option<u32>,
        hovered: Option<usize>,
    ) {
        let painter = ui.painter_at(rect);
        let visuals = ui.visuals();
        painter.rect_stroke(
            rect,
            4.0,
            Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
            egui::StrokeKind::Inside,
        );
        let base = if dark {
            Color32::from_gray(200)
        } else {
            Color32::from_gray(60)
        };
        let focus = selected.or(hovered.and_then(|i| self.nodes.get(i)).map(|n| n.entity));
        let highlight = visuals.selection.bg_fill;
        for e in &self.edges {
            let (a, b) = (&self.nodes[e.a], &self.nodes[e.b]);
            let touches = focus.is_some_and(|f| a.entity == f || b.entity == f);
            let (color, width) = if touches {
                (highlight, 1.0 + 3.0 * e.weight)
            } else {
                let alpha = (25.0 + 150.0 * e.weight) as u8;
                (
                    Color32::from_rgba_unmultiplied(base.r(), base.g(), base.b(), alpha),
                    0.5 + 2.5 * e.weight,
                )
            };
            painter.line_segment(
                [to_screen(a.pos), to_screen(b.pos)],
                Stroke::new(width, color),
            );
        }
        let text_color = visuals.strong_text_color();
        for (i, n) in self.nodes.iter().enumerate() {
            let c = to_screen(n.pos);
            painter.circle_filled(c, n.radius, charts::kind_color(n.kind, dark));
            let ring = if Some(n.entity) == selected {
                Stroke::new(3.0, text_color)
            } else if Some(i) == hovered || n.pinned {
                Stroke::new(1.5, text_color)
            } else {
                Stroke::new(1.0, visuals.extreme_bg_color)
            };
            painter.circle_stroke(c, n.radius, ring);
        }
        self.paint_labels(
            &painter,
            to_screen,
            text_color,
            visuals.extreme_bg_color,
            selected,
            hovered,
        );
    }

    /// Names of the larger nodes (and the selected and hovered ones), largest first, skipping a
    /// label that would overlap one already placed.
    fn paint_labels(
        &self,
        painter: &egui::Painter,
        to_screen: &impl Fn(Vec2) -> Pos2,
        color: Color32,
        background: Color32,
        selected: Option<u32>,
        hovered: Option<usize>,
    ) {
        let mut order: Vec<usize> = (0..self.nodes.len()).collect();
        let must = |i: usize| Some(i) == hovered || Some(self.nodes[i].entity) == selected;
        order.sort_by(|&x, &y| {
            must(y)
                .cmp(&must(x))
                .then(self.nodes[y].mentions.cmp(&self.nodes[x].mentions))
        });
        let mut placed: Vec<Rect> = Vec::new();
        let bg =
            Color32::from_rgba_unmultiplied(background.r(), background.g(), background.b(), 190);
        for i in order.into_iter().take(60) {
            let n = &self.nodes[i];
            let galley = painter.layout_no_wrap(n.name.clone(), FontId::proportional(12.0), color);
            let c = to_screen(n.pos);
            let top_left = pos2(c.x - galley.size().x / 2.0, c.y + n.radius + 1.0);
            let r = Rect::from_min_size(top_left, galley.size()).expand(1.0);
            if !must(i) && placed.iter().any(|p| p.intersects(r)) {
                continue;
            }
            placed.push(r);
            painter.rect_filled(r, 2.0, bg);
            painter.galley(top_left, galley, color);
        }
    }
}

/// Hover text of an edge-strength legend.
pub fn legend_text(net: &Network) -> String {
    let strongest = net.edges.first().map_or(0.0, |e| e.log_likelihood);
    format!(
        "Node size: mentions · colour: type · line: association (G², strongest {}) · drag a node to pin it",
        fmt_f(strongest)
    )
}
