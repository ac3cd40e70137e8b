//! QR codes as inline SVG, from the pure-Rust `qrcode` crate (no image
//! library, no canvas): invite codes and pickup codes.

/// `text` as an SVG QR code at least `size` pixels square; empty if the text
/// cannot be encoded (too long for a QR code).
///
/// ## Usage
/// ```no_run
/// let svg = linli::qr::qr_svg("8WV3JRZ7Z8", 180);
/// assert!(svg.starts_with("<?xml") || svg.is_empty());
/// ```
pub fn qr_svg(text: &str, size: u32) -> String {
    qrcode::QrCode::new(text.as_bytes())
        .map(|qr| {
            qr.render::<qrcode::render::svg::Color>()
                .min_dimensions(size, size)
                .build()
        })
        .unwrap_or_default()
}
