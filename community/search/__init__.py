"""Site-wide search over the KB and the forum, typeahead, analytics and similar questions."""
