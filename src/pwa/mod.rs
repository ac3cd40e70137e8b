//! What makes the app an installable, offline-capable PWA on the page's side:
//! registering `public/sw.js` and offering its updates.

mod service_worker;

pub use service_worker::{register_service_worker, ServiceWorkerUpdate};
