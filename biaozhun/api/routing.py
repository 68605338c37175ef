"""The router every app's API uses: an operation that answers GET answers HEAD too (RFC 9110 §9.3.2).

HEAD runs the same view; the server sends the headers without the body. The OpenAPI schema lists GET only
(`BiaozhunAPI.get_openapi_schema` drops the HEAD twins, which would repeat the operation ids).
"""

import ninja


class Router(ninja.Router):
    def add_api_operation(self, path, methods, view_func, **kwargs):
        if "GET" in methods and "HEAD" not in methods:
            methods = [*methods, "HEAD"]
        return super().add_api_operation(path, methods, view_func, **kwargs)
