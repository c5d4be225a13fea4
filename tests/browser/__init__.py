"""Browser, accessibility and HTML-validity tests; a package, so its conftest is not `conftest`."""
