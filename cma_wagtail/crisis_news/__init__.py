"""Crisis news: news pages with urgency, topics, validity dates, RSS/Atom feeds and JSON-LD."""
