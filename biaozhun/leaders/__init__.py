"""企业标准"领跑者" (yearly key products, evaluation schemes, rankings of declared indicators into tiers, leader
lists with public notice and objections, the leader badge) and 对标达标 (gap reports against chosen standards).
Decision record: docs/decisions/0022-enterprise-standard-leaders.md."""
