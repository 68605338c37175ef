"""International standards: ISO/IEC records, adoption by Chinese standards and its rate, China's participation in
ISO/IEC (mirror committees, posts, work items, votes), foreign-language versions and indicator comparison
(work-plan items 35–36, 78–84, 88, 90, 92, 111)."""
