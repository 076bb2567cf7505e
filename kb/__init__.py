"""Knowledge base: Wagtail pages for categories, articles and FAQs, feedback and freshness."""
