"""Search pages."""

from django.shortcuts import render


def search_page(request):
    """Placeholder until the search work lands: echoes the query on the search page."""
    query = request.GET.get("q", "").strip()
    return render(request, "search/search.html", {"query": query, "results": []})
