//! Server functions, by domain: each checks access and calls a service.
