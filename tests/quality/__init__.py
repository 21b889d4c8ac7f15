"""The site's quality gate: accessibility, valid HTML, links, privacy, weight, print, keyboard."""
