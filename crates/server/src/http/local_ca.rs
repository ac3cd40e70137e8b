//! `/ca`: the page a phone installs the office's local certificate
//! authority from (`linli-server local-ca`), in Chinese first, with a QR
//! code to open it on the phone and the steps for Android and iPhone; and
//! `/ca.crt`, the authority itself. Served on the plain-HTTP listener (a
//! phone that does not trust the authority yet cannot open HTTPS without a
//! warning) and over HTTPS.

use std::fmt::Write;
use std::path::Path;
use std::sync::Arc;

use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::Router;

use crate::tls::local_ca::{self, LocalCaInfo};

/// What the page shows, read once at start.
#[derive(Debug)]
pub struct LocalCaPage {
    der: Vec<u8>,
    info: LocalCaInfo,
    html: String,
}

impl LocalCaPage {
    /// The page for the authority in `<data-dir>/tls/`, if there is one.
    /// `http_port` is the plain listener's (where phones open `/ca`),
    /// `https_port` the app's.
    pub fn load(data_dir: &Path, http_port: Option<u16>, https_port: u16) -> Option<Arc<LocalCaPage>> {
        let folder = local_ca::folder(data_dir);
        let info = local_ca::read_info(&folder)?;
        let pem = std::fs::read(folder.join(local_ca::CA_CERT)).ok()?;
        let der = local_ca::ca_der(&pem).ok()?;
        let html = page(&info, http_port, https_port);
        Some(Arc::new(LocalCaPage { der, info, html }))
    }

    /// The authority's fingerprint, as the page shows it.
    pub fn fingerprint(&self) -> &str {
        &self.info.fingerprint
    }
}

/// `/ca`, `/ca.crt` and the page's stylesheet.
pub fn router(page: Arc<LocalCaPage>) -> Router {
    let html = page.clone();
    let der = page.clone();
    Router::new()
        .route("/ca", get(move || async move { Html(html.html.clone()) }))
        .route(
            "/ca.crt",
            get(move || async move {
                (
                    [
                        (CONTENT_TYPE, "application/x-x509-ca-cert"),
                        (CONTENT_DISPOSITION, "attachment; filename=\"linli-ca.crt\""),
                        (CACHE_CONTROL, "no-cache"),
                    ],
                    der.der.clone(),
                )
                    .into_response()
            }),
        )
        .route(
            "/ca.css",
            get(|| async { ([(CONTENT_TYPE, "text/css")], STYLE).into_response() }),
        )
}

const STYLE: &str =
    "body{font:20px/1.6 system-ui,sans-serif;max-width:40em;margin:0 auto;padding:1em;color:#111}\
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em}a.button{display:inline-block;padding:.6em 1em;\
background:#0b57d0;color:#fff;border-radius:.4em;text-decoration:none;font-weight:bold}\
.qr svg{width:220px;height:220px}.mono{font-family:monospace;word-break:break-all}";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The addresses phones may use, names first.
fn hosts(info: &LocalCaInfo) -> Vec<String> {
    info.names
        .iter()
        .cloned()
        .chain(info.addresses.iter().map(|address| match address {
            std::net::IpAddr::V6(v6) => format!("[{v6}]"),
            std::net::IpAddr::V4(v4) => v4.to_string(),
        }))
        .collect()
}

fn url(scheme: &str, host: &str, port: u16, default: u16, path: &str) -> String {
    if port == default {
        format!("{scheme}://{host}{path}")
    } else {
        format!("{scheme}://{host}:{port}{path}")
    }
}

fn page(info: &LocalCaInfo, http_port: Option<u16>, https_port: u16) -> String {
    let hosts = hosts(info);
    let first = hosts.first().cloned().unwrap_or_else(|| "localhost".into());
    let page_url = match http_port {
        Some(port) => url("http", &first, port, 80, "/ca"),
        None => url("https", &first, https_port, 443, "/ca"),
    };
    let app_urls: Vec<String> = hosts
        .iter()
        .map(|host| url("https", host, https_port, 443, "/"))
        .collect();
    let app_url = app_urls.first().cloned().unwrap_or_default();
    let qr = qrcode::QrCode::new(page_url.as_bytes())
        .map(|code| {
            code.render::<qrcode::render::svg::Color>()
                .min_dimensions(220, 220)
                .build()
        })
        .unwrap_or_default();
    let fingerprint = escape(&info.fingerprint);
    let (page_url, app_url) = (escape(&page_url), escape(&app_url));
    let mut other_urls = String::new();
    for other in app_urls.iter().skip(1) {
        let _ = write!(other_urls, " 或 <span class=\"mono\">{}</span>", escape(other));
    }
    format!(
        r#"<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>在手机上安装本村的安全证书 · 邻里 Linli</title>
<link rel="stylesheet" href="/ca.css">
</head>
<body>
<main>
<h1>在手机上安装本村的安全证书</h1>
<p>这台电脑上的邻里用本村自己的证书机构加密通信。每部手机装一次这个证书，邻里才能在手机上没网时照常使用、添加到桌面。</p>
<p>证书指纹（SHA-256），安装时可以对照：<br><span class="mono" data-testid="ca-fingerprint">{fingerprint}</span></p>

<h2>第一步：用手机打开这一页</h2>
<div class="qr" role="img" aria-label="打开这一页的二维码">{qr}</div>
<p>用手机扫这个二维码，或在手机浏览器里输入：<br><span class="mono">{page_url}</span></p>

<h2>第二步：下载证书</h2>
<p><a class="button" href="/ca.crt" download="linli-ca.crt">下载证书 linli-ca.crt</a></p>

<h2>第三步：安装证书（安卓手机）</h2>
<ol>
<li>打开手机的“设置”，在最上面的搜索框里搜“CA 证书”，点“CA 证书”或“安装证书”。</li>
<li>找不到时按品牌：华为、荣耀：设置 → 安全 → 更多安全设置 → 加密和凭据 → 从存储设备安装 → CA 证书；小米、红米：设置 → 密码与安全 → 系统安全 → 加密与凭据 → 从存储设备安装 → CA 证书；OPPO、vivo、一加：设置 → 安全 → 更多安全设置 → 加密与凭据 → 从存储设备安装 → CA 证书。</li>
<li>手机提示“您的数据可能会被他人看到”时，点“仍然安装”，再选刚下载的 linli-ca.crt（在“下载”文件夹里）。需要时输入锁屏密码。</li>
<li>用浏览器打开 <span class="mono">{app_url}</span>{other_urls}，加入社区，再在浏览器菜单里点“添加到主屏幕”或“安装应用”。</li>
</ol>

<h2>苹果手机（iPhone）</h2>
<ol>
<li>用 Safari 打开这一页，点“下载证书”，再点“允许”。</li>
<li>打开“设置” → “已下载描述文件” → “安装”，输入锁屏密码。</li>
<li>再打开“设置” → “通用” → “关于本机” → “证书信任设置”，打开“邻里 Linli 本地证书机构”的开关。</li>
<li>用 Safari 打开 <span class="mono">{app_url}</span>，点分享按钮 → “添加到主屏幕”。</li>
</ol>

<p>只有村里的网络时才需要这样做。能上互联网的地方，更好的办法是给服务器一个域名，让它自动申请证书，手机什么都不用装（见部署指南）。</p>

<hr>
<section lang="en">
<h2>Installing the village's certificate authority (English)</h2>
<p>Linli on this computer encrypts with the village's own certificate authority. Install it once on each phone so that Linli works offline and can be installed there. Open this page on the phone (scan the QR code, or type {page_url}), tap “下载证书” to download <em>linli-ca.crt</em>, then on Android open Settings, search for “CA certificate”, choose it and pick the downloaded file (“Install anyway”). On an iPhone: open the page in Safari, download, then Settings → Profile Downloaded → Install, and Settings → General → About → Certificate Trust Settings → turn on the Linli authority. Then open {app_url}. Compare the fingerprint above with the one the phone shows. Where there is internet, a public domain with an automatic certificate is better: nothing to install on any phone.</p>
</section>
</main>
</body>
</html>
"#
    )
}
