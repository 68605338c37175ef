"""Applications to establish (筹建), restructure (调整) or merge (合并) a committee: a draft, its submission, a public
notice (公示) with comments, and the administration's decision, which founds, changes or merges the committee through
committees/services.py."""
