"""The Pelican theme of every Shafaf site: templates, styles, fonts and translations."""
