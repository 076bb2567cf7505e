"""Assignment: manual, round-robin and fewest-open among available agents."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from escalation.models import AssignmentMode
from escalation.services.assignment import agent_pick, agent_set_available, ticket_assign
from tests.factories import SupportGroupFactory, make_ticket

pytestmark = pytest.mark.django_db


def test_manual_group_does_not_auto_assign(asker, agent):
    group = SupportGroupFactory(assignment_mode=AssignmentMode.MANUAL)
    group.agents.add(agent)
    assert make_ticket(asker, group=group).assignee is None


def test_round_robin_rotates(asker, agent, agent2):
    group = SupportGroupFactory(assignment_mode=AssignmentMode.ROUND_ROBIN)
    group.agents.add(agent, agent2)
    assignees = [make_ticket(asker, group=group).assignee for _ in range(4)]
    assert assignees == [agent, agent2, agent, agent2]


def test_round_robin_skips_unavailable(asker, agent, agent2):
    group = SupportGroupFactory(assignment_mode=AssignmentMode.ROUND_ROBIN)
    group.agents.add(agent, agent2)
    agent_set_available(user=agent, is_available=False)
    assert {make_ticket(asker, group=group).assignee for _ in range(3)} == {agent2}


def test_fewest_open_picks_least_loaded(asker, agent, agent2):
    group = SupportGroupFactory(assignment_mode=AssignmentMode.FEWEST_OPEN)
    group.agents.add(agent, agent2)
    for _ in range(2):
        ticket_assign(ticket=make_ticket(asker), assignee=agent, actor=None)
    assert make_ticket(asker, group=group).assignee == agent2


def test_no_available_agent_leaves_unassigned(asker, agent):
    group = SupportGroupFactory(assignment_mode=AssignmentMode.ROUND_ROBIN)
    group.agents.add(agent)
    agent_set_available(user=agent, is_available=False)
    assert agent_pick(group) is None
    assert make_ticket(asker, group=group).assignee is None


def test_only_agents_can_be_assigned(asker, member):
    with pytest.raises(ValidationError):
        ticket_assign(ticket=make_ticket(asker), assignee=member, actor=None)


def test_non_agent_group_members_are_never_picked(asker, member, agent):
    group = SupportGroupFactory(assignment_mode=AssignmentMode.ROUND_ROBIN)
    group.agents.add(member, agent)
    assert {make_ticket(asker, group=group).assignee for _ in range(3)} == {agent}


def test_availability_toggle_view(client, agent):
    from escalation.models import AgentStatus

    client.force_login(agent)
    client.post("/support/agent/availability/", {"available": "0"})
    assert AgentStatus.objects.get(user=agent).is_available is False
    client.post("/support/agent/availability/", {"available": "1"})
    assert AgentStatus.objects.get(user=agent).is_available is True
