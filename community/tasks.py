"""Background entry points of the members app (django-tasks)."""

from django_tasks import task


@task()
def send_outbound_email_task(email_id: int) -> bool:
    from community.mail import email_send

    return email_send(email_id=email_id)
