"""Charts: Altair builders, SVG rendering with pinned fonts, and the chart index for the site."""
