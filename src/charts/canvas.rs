//! Canvas plumbing shared by the charts: high-DPI sizing, text measurement, text styles and the
//! legend of the line charts.
//!
//! Why we measure text ourselves: plotters' own web text measurement (`estimate_layout`) appends
//! a `<span>` with an inline `style` attribute, which the page's CSP (`style-src 'self'`) blocks,
//! and it unwraps DOM look-ups. So no chart here calls anything that makes plotters measure text
//! (no plotters legend, no right-hand label area, no `titled`); we measure with the canvas's
//! own `measureText` and lay labels out with [`super::layout`].
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::layout::{self, LINE};
use super::ChartError;

/// The page's font stack (public/style.css), so chart text matches the surrounding UI, including
/// its Traditional Chinese fallbacks.
pub(crate) const FONT_FAMILY: &str = "system-ui, -apple-system, \"Segoe UI\", \"Noto Sans\", \
     \"Noto Sans CJK TC\", \"PingFang TC\", \"Microsoft JhengHei\", sans-serif";

/// Text colour (`--fg`).
pub(crate) const FG: RGBColor = RGBColor(20, 32, 43);
/// Secondary text (`--muted`).
pub(crate) const MUTED: RGBColor = RGBColor(82, 96, 109);
/// Grid lines: light enough not to compete with the data.
pub(crate) const GRID: RGBColor = RGBColor(226, 231, 236);
/// Axis lines.
pub(crate) const AXIS: RGBColor = RGBColor(140, 152, 164);

/// iOS Safari refuses canvases above ~16.7 M pixels and every browser above 32767 px per side;
/// we stay under both so a huge or zoomed canvas degrades to lower resolution, not a blank.
const MAX_AREA_PX: f64 = 16_000_000.0;
const MAX_SIDE_PX: f64 = 16_384.0;

/// A canvas sized for drawing: its backing store is CSS size × devicePixelRatio device pixels;
/// the layout is computed in chart pixels (CSS px / [`text_scale`]), `dpr` converts those.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Prepared {
    /// Device pixels per chart pixel (devicePixelRatio × text scale); multiply every layout
    /// quantity by this.
    pub dpr: f64,
    pub width_px: u32,
    pub height_px: u32,
    /// Size the layout is computed in (chart pixels).
    pub css_width: f64,
    pub css_height: f64,
}

impl Prepared {
    /// A CSS length in device pixels (rounded, for plotters' integer coordinates).
    pub fn px(&self, css: f64) -> i32 {
        let v = (css * self.dpr).round();
        if v.is_finite() {
            v.clamp(-1e6, 1e6) as i32
        } else {
            0
        }
    }

    /// A CSS font size in device pixels (fractional sizes are fine for canvas fonts).
    pub fn font(&self, css: f64) -> f64 {
        css * self.dpr
    }

    /// A stroke width in device pixels, at least 1 (a 0 width would be ignored by canvas).
    pub fn stroke(&self, css: f64) -> u32 {
        (css * self.dpr).round().max(1.0) as u32
    }
}

/// How much larger than usual the page's text is: the root element's computed font size over the
/// 16 px default (1.25 in presenter mode, more when the reader has set a larger default font).
/// Charts lay out in "chart pixels" of CSS px × this scale, so their text, lines and paddings
/// grow with the page's text instead of staying at fixed sizes. Through `Reflect`: web-sys's
/// `CssStyleDeclaration` feature is not enabled.
pub(crate) fn text_scale() -> f64 {
    let size = (|| {
        let window = web_sys::window()?;
        let root = window.document()?.document_element()?;
        let get = js_sys::Reflect::get(window.as_ref(), &JsValue::from_str("getComputedStyle"))
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        let style = get.call1(window.as_ref(), root.as_ref()).ok()?;
        let font_size = js_sys::Reflect::get(&style, &JsValue::from_str("fontSize")).ok()?;
        font_size
            .as_string()?
            .trim_end_matches("px")
            .parse::<f64>()
            .ok()
    })();
    size.filter(|s| s.is_finite() && *s > 0.0)
        .map(|s| (s / 16.0).clamp(0.75, 3.0))
        .unwrap_or(1.0)
}

/// The canvas's content size in chart pixels (clientWidth/clientHeight over [`text_scale`]; 0
/// when not laid out).
pub(crate) fn css_size(canvas: &HtmlCanvasElement) -> (f64, f64) {
    let scale = text_scale();
    (
        canvas.client_width() as f64 / scale,
        canvas.client_height() as f64 / scale,
    )
}

/// Sets the canvas's CSS height through CSSOM (`element.style.height = …`).
///
/// The page CSP forbids inline `style` attributes, but CSSOM property writes are not covered by
/// `style-src`, so this is allowed. Done through `Reflect` because the crate's web-sys feature
/// list (owned by Cargo.toml) does not include `CssStyleDeclaration`.
/// `css_height` is in chart pixels (see [`css_size`]).
pub(crate) fn set_css_height(canvas: &HtmlCanvasElement, css_height: f64) {
    let css_height = css_height * text_scale();
    if !css_height.is_finite() || css_height < 0.0 {
        return;
    }
    let value = JsValue::from_str(&format!("{}px", css_height.ceil()));
    if let Ok(style) = js_sys::Reflect::get(canvas.as_ref(), &JsValue::from_str("style")) {
        if style.is_object() {
            // A failed write only leaves the previous height; the chart then fits that height.
            let _ = js_sys::Reflect::set(&style, &JsValue::from_str("height"), &value);
        }
    }
}

/// Sizes the backing store to CSS size × devicePixelRatio (see [`Prepared`]).
///
/// Writing `width`/`height` clears the canvas and resets its 2D state; every chart redraws
/// everything afterwards, so that is harmless. We only write when the size changed, to avoid
/// reallocating the backing store on every redraw.
pub(crate) fn prepare(canvas: &HtmlCanvasElement) -> Result<Prepared, ChartError> {
    let scale = text_scale();
    let (client_width, client_height) =
        (canvas.client_width() as f64, canvas.client_height() as f64);
    if !(client_width >= 1.0 && client_height >= 1.0) {
        return Err(ChartError::NoSize);
    }
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|d| d.is_finite() && *d > 0.0)
        .unwrap_or(1.0)
        .clamp(1.0, 4.0);
    let dpr = dpr
        .min((MAX_AREA_PX / (client_width * client_height)).sqrt())
        .min(MAX_SIDE_PX / client_width)
        .min(MAX_SIDE_PX / client_height);
    let width_px = (client_width * dpr).round().max(1.0) as u32;
    let height_px = (client_height * dpr).round().max(1.0) as u32;
    if canvas.width() != width_px {
        canvas.set_width(width_px);
    }
    if canvas.height() != height_px {
        canvas.set_height(height_px);
    }
    // For tests and curious readers: the text scale the chart was laid out at.
    let _ = canvas.set_attribute("data-text-scale", &format!("{scale}"));
    Ok(Prepared {
        // Device pixels per chart pixel: the backing store stays CSS size × devicePixelRatio.
        dpr: dpr * scale,
        width_px,
        height_px,
        css_width: client_width / scale,
        css_height: client_height / scale,
    })
}

/// A plotters drawing area over the whole canvas.
pub(crate) fn root(
    canvas: &HtmlCanvasElement,
) -> Result<DrawingArea<CanvasBackend, Shift>, ChartError> {
    CanvasBackend::with_canvas_object(canvas.clone())
        .map(IntoDrawingArea::into_drawing_area)
        .ok_or(ChartError::NoContext)
}

/// Maps any plotters error to [`ChartError::Draw`].
pub(crate) fn draw_err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// The CSS font shorthand plotters-canvas builds for a style (`"{style} {size}px {family}"`),
/// so measuring and drawing use the same font.
fn font_css(size_px: f64, bold: bool) -> String {
    let style = if bold { "bold" } else { "normal" };
    format!("{style} {size_px}px {FONT_FAMILY}")
}

/// Measures text with the canvas's own `measureText`.
pub(crate) struct Measurer {
    ctx: Option<CanvasRenderingContext2d>,
    measure_text: Option<js_sys::Function>,
}

/// Size we measure at: large, so sub-pixel rounding in the browser does not skew the unit width.
const MEASURE_SIZE: f64 = 100.0;

impl Measurer {
    pub fn new(canvas: &HtmlCanvasElement) -> Measurer {
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok());
        // `measureText` through Reflect: web-sys's `TextMetrics` feature is not enabled.
        let measure_text = ctx.as_ref().and_then(|c| {
            js_sys::Reflect::get(c.as_ref(), &JsValue::from_str("measureText"))
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        });
        Measurer { ctx, measure_text }
    }

    /// Width of `text` at a 1 px font (multiply by the font size in the same unit).
    pub fn unit(&self, text: &str, bold: bool) -> f64 {
        if text.is_empty() {
            return 0.0;
        }
        if let (Some(ctx), Some(f)) = (&self.ctx, &self.measure_text) {
            ctx.set_font(&font_css(MEASURE_SIZE, bold));
            let width = f
                .call1(ctx.as_ref(), &JsValue::from_str(text))
                .ok()
                .and_then(|m| js_sys::Reflect::get(&m, &JsValue::from_str("width")).ok())
                .and_then(|w| w.as_f64());
            if let Some(w) = width.filter(|w| w.is_finite() && *w >= 0.0) {
                return w / MEASURE_SIZE;
            }
        }
        estimate_unit(text, bold)
    }
}

/// Fallback when the canvas cannot measure: generous per-character widths (wide for CJK), so a
/// label may look a bit small but never overflows.
fn estimate_unit(text: &str, bold: bool) -> f64 {
    let w: f64 = text
        .chars()
        .map(|c| if c.is_ascii() { 0.62 } else { 1.05 })
        .sum();
    if bold {
        w * 1.08
    } else {
        w
    }
}

/// A text style in device pixels anchored at (h, v).
pub(crate) fn text_style(
    size_px: f64,
    bold: bool,
    colour: RGBColor,
    h: HPos,
    v: VPos,
) -> TextStyle<'static> {
    TextStyle {
        font: FontDesc::new(
            FontFamily::Name(FONT_FAMILY),
            size_px,
            if bold {
                FontStyle::Bold
            } else {
                FontStyle::Normal
            },
        ),
        color: colour.to_backend_color(),
        pos: Pos::new(h, v),
    }
}

/// One entry of a line chart's legend.
pub(crate) struct LegendItem {
    pub label: String,
    pub colour: RGBColor,
    pub dashed: bool,
}

/// Legend geometry for the line charts (CSS px).
pub(crate) struct Legend {
    items: Vec<(String, RGBColor, bool, usize, f64)>,
    pub height: f64,
}

const LEGEND_FONT: f64 = 13.0;
const SWATCH_W: f64 = 22.0;
const SWATCH_GAP: f64 = 6.0;
const ITEM_GAP: f64 = 18.0;

impl Legend {
    /// Lays the items out in rows across `width` CSS px (labels too long for a row are shortened).
    pub fn layout(items: Vec<LegendItem>, width: f64, m: &Measurer) -> Legend {
        if items.is_empty() {
            return Legend {
                items: vec![],
                height: 0.0,
            };
        }
        let unit = |t: &str| m.unit(t, false);
        let max_label = (width - SWATCH_W - SWATCH_GAP).max(0.0);
        let labels: Vec<String> = items
            .iter()
            .map(|i| layout::ellipsize(i.label.trim(), max_label, LEGEND_FONT, &unit))
            .collect();
        let widths: Vec<f64> = labels
            .iter()
            .map(|l| SWATCH_W + SWATCH_GAP + unit(l) * LEGEND_FONT)
            .collect();
        let places = layout::flow(&widths, width, ITEM_GAP);
        let rows = places.iter().map(|(r, _)| r + 1).max().unwrap_or(0);
        let laid = items
            .into_iter()
            .zip(labels)
            .zip(places)
            .map(|((i, l), (row, x))| (l, i.colour, i.dashed, row, x))
            .collect();
        Legend {
            items: laid,
            height: rows as f64 * LEGEND_FONT * 1.5 + 6.0,
        }
    }

    /// Draws the legend with its top-left corner at (x, y) CSS px.
    pub fn draw(
        &self,
        area: &DrawingArea<CanvasBackend, Shift>,
        p: &Prepared,
        x: f64,
        y: f64,
    ) -> Result<(), ChartError> {
        let row_h = LEGEND_FONT * 1.5;
        for (label, colour, dashed, row, ix) in &self.items {
            let cy = y + *row as f64 * row_h + row_h / 2.0;
            let x0 = x + ix;
            let style = colour.stroke_width(p.stroke(2.5));
            if *dashed {
                let pts = [(p.px(x0), p.px(cy)), (p.px(x0 + SWATCH_W), p.px(cy))];
                area.draw(&DashedPathElement::new(pts, p.px(5.0), p.px(3.0), style))
                    .map_err(draw_err)?;
            } else {
                area.draw(&PathElement::new(
                    vec![(p.px(x0), p.px(cy)), (p.px(x0 + SWATCH_W), p.px(cy))],
                    style,
                ))
                .map_err(draw_err)?;
                area.draw(&Circle::new(
                    (p.px(x0 + SWATCH_W / 2.0), p.px(cy)),
                    p.stroke(3.5),
                    colour.filled(),
                ))
                .map_err(draw_err)?;
            }
            area.draw(&Text::new(
                label.clone(),
                (p.px(x0 + SWATCH_W + SWATCH_GAP), p.px(cy)),
                text_style(p.font(LEGEND_FONT), false, FG, HPos::Left, VPos::Center),
            ))
            .map_err(draw_err)?;
        }
        Ok(())
    }
}

/// Sizes shared by the two line charts (CSS px).
pub(crate) mod axes {
    /// Tick label font.
    pub const TICK_FONT: f64 = 12.0;
    /// Axis title font.
    pub const DESC_FONT: f64 = 13.0;
    /// Tick mark length; plotters puts labels 2 × this away from the axis.
    pub const TICK: f64 = 4.0;
    pub const PAD: f64 = 8.0;
}

/// Height of one text line at `font` CSS px.
pub(crate) fn line_h(font: f64) -> f64 {
    font * LINE
}
