"""HTTP for every response: page cache, ETags, compression, security headers, errors, languages."""
