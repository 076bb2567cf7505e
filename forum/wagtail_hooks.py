"""Back office wiring of the forum: site admins create, edit, order and delete categories."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic.models import DeleteView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from community.roles import is_site_admin
from community.wagtail_permissions import RolePermissionPolicy
from forum.models import ForumCategory, Thread

register_permission_policy(
    ForumCategory,
    RolePermissionPolicy(
        ForumCategory, check=is_site_admin, actions=("add", "change", "delete", "view")
    ),
    exact_class=True,
)


class CategoryDeleteView(DeleteView):
    """A category still holding threads is kept (threads are never deleted with it)."""

    def form_valid(self, form):
        if Thread.objects.filter(category_id=self.object.pk).exists():
            messages.error(
                self.request,
                _("This category still holds threads: move them to another category first."),
            )
            return redirect(self.index_url_name)
        return super().form_valid(form)


class ForumCategoryViewSet(ModelViewSet):
    model = ForumCategory
    icon = "folder-open-inverse"
    menu_label = _("Forum categories")
    url_prefix = "forum/categories"
    add_to_admin_menu = True
    menu_order = 240
    form_fields = ["name", "slug", "description", "order"]
    list_display = ["name", "slug", "order"]
    search_fields = ["name", "slug"]
    ordering = ["order", "name"]
    copy_view_enabled = False
    delete_view_class = CategoryDeleteView


@hooks.register("register_admin_viewset")
def register_forum_category_viewset():
    return ForumCategoryViewSet("forum_categories")
