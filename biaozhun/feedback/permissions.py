"""Who may give implementation feedback (registered with the policy): any active registered person."""

from biaozhun.accounts.policy import everyone

RULES = {
    "feedback.submit": everyone,  # under the registered person's real name, on any catalogue record
}
