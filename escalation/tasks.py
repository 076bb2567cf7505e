"""Background entry points of the support desk (django-tasks); schedule them from cron."""

from django_tasks import task


@task()
def escalate_stale_threads_task() -> int:
    from escalation.config import desk_config
    from escalation.services.forum import threads_escalate_stale

    if not desk_config().sweep_enabled:
        return 0
    return threads_escalate_stale()


@task()
def close_solved_tickets_task() -> int:
    from escalation.config import desk_config
    from escalation.services.tickets import tickets_close_solved

    return tickets_close_solved(older_than_days=desk_config().auto_close_solved_days)
