//! Reading OBS error responses (work in progress, issue 6).
