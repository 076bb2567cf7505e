"""URLs of the support desk (mounted at /support/)."""

from django.urls import path

from escalation import views, views_forum

app_name = "escalation"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.contact, name="new"),
    path("tickets/<int:number>/", views.ticket_detail, name="ticket"),
    path("tickets/<int:number>/reply/", views.ticket_reply, name="reply"),
    path("tickets/<int:number>/update/", views.ticket_update, name="update"),
    path("tickets/<int:number>/rate/", views.ticket_rate, name="ticket_rate"),
    path("tickets/<int:number>/publish/", views_forum.publish_resolution, name="publish"),
    path("tickets/<int:number>/macros/<int:macro_id>/", views.macro_preview, name="macro_preview"),
    path(
        "tickets/<int:number>/files/<int:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
    path("rate/<str:token>/", views.rate_by_link, name="rate"),
    path("agent/", views.queue, name="queue"),
    path("agent/new/", views.staff_ticket_new, name="staff_new"),
    path("agent/bulk/", views.queue_bulk, name="bulk"),
    path("agent/availability/", views.agent_availability, name="availability"),
    path("threads/<int:thread_id>/escalate/", views_forum.thread_escalate, name="escalate"),
    path("threads/<int:thread_id>/convert/", views_forum.thread_convert, name="convert"),
]
