"""Forum moderation: flags, the queue, hide/lock/pin/move/duplicate, revisions, suspensions, audit log."""
