// The API reference at /docs: Swagger UI from this server's own vendored copy (no CDN, no inline
// script, so it works offline and under the server's Content-Security-Policy).
window.SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
});
