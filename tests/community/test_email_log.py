"""Admins see the outgoing email log in the back office; other roles do not."""

from community.mail import email_queue


def test_admin_sees_failed_email_in_log(client, admin_user):
    email_queue(to=["x@example.com"], subject="Your ticket #1", body_text="Body")
    client.force_login(admin_user)
    response = client.get("/admin/outbound_email/")
    assert response.status_code == 200
    assert "Your ticket #1" in response.content.decode()


def test_agent_cannot_open_email_log(client, agent):
    client.force_login(agent)
    response = client.get("/admin/outbound_email/")
    assert response.status_code in {302, 403, 404}
