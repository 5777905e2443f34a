// Tiny middleware written into the test projects: each adds a response header, so a test can see
// that the scaffolded entry module really wrapped `application`.
export const WSGI_MIDDLEWARE = `class AddHeader:
    """WSGI middleware that marks every response."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        def marked_start_response(status, headers, exc_info=None):
            return start_response(status, headers + [("X-Scaffold-Middleware", "wsgi")], exc_info)

        return self.application(environ, marked_start_response)
`;

export const ASGI_MIDDLEWARE = `class AddHeader:
    """ASGI middleware that marks every HTTP response."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        async def marked_send(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", [])) + [(b"x-scaffold-middleware", b"asgi")]
                message = {**message, "headers": headers}
            await send(message)

        await self.application(scope, receive, marked_send)
`;
