//! The paths the server answers beside its pages and server functions (`/api/v1`, the language
//! switch, the service worker), as the router registers them. Every module adds its routes
//! through [`Serve::serve`], so this list is the router's own: the access matrix
//! (`tests/access_matrix.rs`) gives each path a rule and the OpenAPI check finds each in the
//! document — a route added without either fails them.

use axum::routing::MethodRouter;
use axum::Router;
use std::collections::BTreeSet;
use std::sync::Mutex;

static SERVED: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());

/// `Router::route`, remembering the path.
pub trait Serve<S> {
    fn serve(self, path: &'static str, method: MethodRouter<S>) -> Self;
}

impl<S: Clone + Send + Sync + 'static> Serve<S> for Router<S> {
    fn serve(self, path: &'static str, method: MethodRouter<S>) -> Self {
        SERVED
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(path);
        self.route(path, method)
    }
}

/// Every path registered so far (all of them once a router was built), in order.
pub fn paths() -> Vec<&'static str> {
    SERVED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .iter()
        .copied()
        .collect()
}
