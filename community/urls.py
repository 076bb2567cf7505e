"""Root URL configuration: each app mounts its own URLs; Wagtail serves the page tree last."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("members/", include("community.member_urls")),
    path("search/", include("community.search.urls")),
    path("community/moderation/", include("forum.moderation.urls")),
    path("community/", include("forum.urls")),
    path("support/gaps/", include("escalation.gaps.urls")),
    path("support/", include("escalation.urls")),
    path("kb-tools/", include("kb.urls")),
    path("sitemap.xml", wagtail_sitemap, name="sitemap"),  # public pages only (see kb.models)
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
else:
    # The embedded default serves uploaded images itself; a proxy may take this over.
    from django.views.static import serve

    urlpatterns += [
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "community.views.error_404"
handler403 = "community.views.error_403"
handler500 = "community.views.error_500"
