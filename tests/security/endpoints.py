"""Every address the site answers and who may use it: the endpoint half of the role × action matrix.

``ENDPOINTS`` maps each named URL (``namespace:name``) to its access:

- ``PUBLIC``: anyone, signed in or not (reads of public records, the sign-in and registration forms);
- ``SIGNED_IN``: any signed-in person, their own things only (their profile, their watch list);
- ``Rule("app.action")``: the policy decides; the rule must be registered (its role rows are in
  ``tests/<app>/policy_rows.py``). ``public_read=True`` when the page itself is public and the rule guards the
  restricted objects or actions on it (a project page is public; its restricted files are not).

tests/security/test_endpoint_matrix.py fails on a URL without a row here, on a row without a URL, on a rule that
does not exist, and when an anonymous visitor gets anything but a refusal from a non-public endpoint. Adding a
page or an API operation means adding its row.
"""

from __future__ import annotations

from typing import NamedTuple


class Rule(NamedTuple):
    action: str
    public_read: bool = False


PUBLIC = "public"
SIGNED_IN = "signed_in"

ENDPOINTS: dict[str, str | Rule] = {
    "set_language": PUBLIC,
    "healthz": PUBLIC,  # liveness for load balancers: no database query, no detail
    "readyz": PUBLIC,  # readiness with reasons (no paths or hosts)
    # accounts
    "accounts:login": PUBLIC,
    "accounts:logout": PUBLIC,  # signs out whoever is signed in; a POST without a session does nothing
    "accounts:register": PUBLIC,
    "accounts:register_complete": PUBLIC,  # the e-mailed link's signed token is the credential
    "accounts:personal_data": Rule("accounts.export_personal_data"),
    "accounts:delete_account": Rule("accounts.delete_account"),
    "privacy:page": PUBLIC,
    "privacy:accept": Rule("accounts.accept_privacy_notice"),
    "accounts:profile": SIGNED_IN,
    "accounts:organisation_create": Rule("accounts.create_organisation"),
    "accounts:token_create": SIGNED_IN,
    "accounts:token_revoke": Rule("accounts.manage_token"),
    "accounts:second_factor_verify": PUBLIC,  # the second step of signing in: the password step's session is the key
    "accounts:second_factor_setup": SIGNED_IN,
    "accounts:second_factor_recovery_codes": SIGNED_IN,
    "accounts:second_factor_disable": SIGNED_IN,
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,  # the emailed token is the credential
    "accounts:password_reset_complete": PUBLIC,
    "accounts:password_change": SIGNED_IN,
    "accounts:password_change_done": SIGNED_IN,
    # security audit log (三权分立: auditors read, security administrators grant the roles)
    "audit:log": Rule("audit.read_log"),
    "audit:roles": Rule("audit.manage_roles"),
    # API
    "api:openapi-json": PUBLIC,
    "api:openapi-view": PUBLIC,
    "api:api-root": PUBLIC,
    "api:standard_relations": PUBLIC,
    "api:standard_detail": PUBLIC,
    "api:validity": PUBLIC,
    "api:bulk_export": PUBLIC,
    "api:search": PUBLIC,
    "api:project_list": PUBLIC,
    "api:project_detail": PUBLIC,
    "api:project_move": Rule("development.move"),
    "api:comment_list": Rule("development.view_comments", public_read=True),
    "api:comment_submit": Rule("development.comment"),
    "api:comment_dispose": Rule("development.manage"),
    "api:ballot_detail": Rule("development.see_votes", public_read=True),
    "api:ballot_vote": Rule("development.vote"),
    "api:leaders_products": PUBLIC,
    "api:leaders_list": Rule("leaders.view_list", public_read=True),  # lists in notice or published; drafts 404
    "api:leaders_run": Rule("leaders.view_runs"),
    "api:leaders_product": PUBLIC,
    "api:leaders_product_create": Rule("leaders.manage"),
    "api:leaders_product_edit": Rule("leaders.edit_product"),
    "api:leaders_scheme_create": Rule("leaders.manage"),
    "api:leaders_scheme": PUBLIC,
    "api:leaders_scheme_edit": Rule("leaders.edit_scheme"),
    "api:leaders_rank": Rule("leaders.rank"),
    "api:public_declaration_search": PUBLIC,
    "api:public_declaration": PUBLIC,
    "api:public_declaration_version": PUBLIC,
    "api:public_enterprise": PUBLIC,
    "api:filing_list": PUBLIC,  # accepted filings; one under way only for those who work on it
    "api:filing_detail": Rule("filing.view", public_read=True),
    "api:filing_submit": Rule("filing.submit"),
    "api:filing_resubmit": Rule("filing.revise"),
    "api:filing_withdraw": Rule("filing.withdraw"),
    "api:filing_approve_city": Rule("filing.approve_city"),
    "api:filing_return_city": Rule("filing.approve_city"),
    "api:filing_accept": Rule("filing.review"),
    "api:filing_return": Rule("filing.review"),
    "api:filing_checks": Rule("filing.work_on"),
    "api:batch_submit": Rule("filing.submit_batch"),
    "api:batch_detail": Rule("filing.view_batch"),
    "api:batch_resume": Rule("filing.submit_batch"),
    "api:review_list": Rule("filing.view_reviews"),
    "api:review_conclude": Rule("filing.conclude_review"),
    "api:flag_list": Rule("filing.flags"),
    "api:flag_confirm": Rule("filing.decide_flag"),
    "api:flag_dismiss": Rule("filing.decide_flag"),
    "api:work_product_list": Rule("declarations.view_enterprise"),
    "api:work_product_add": Rule("declarations.manage_products"),
    "api:work_product_edit": Rule("declarations.manage_products"),
    "api:work_declare": Rule("declarations.declare"),
    "api:work_declaration_detail": Rule("declarations.work_on"),
    "api:work_revise": Rule("declarations.revise"),
    "api:work_withdraw": Rule("declarations.withdraw"),
    "api:declarations_import_submit": Rule("declarations.import"),
    "api:declarations_import_detail": Rule("declarations.import"),  # the job of one's own enterprise
    "api:declarations_import_rejects": Rule("declarations.import"),
    "api:conversion_record": Rule("catalog.record_conversion"),
    "api:group_list": PUBLIC,
    "api:group_detail": PUBLIC,
    "api:group_standards": PUBLIC,
    "api:group_announcement_list": PUBLIC,
    "api:group_announcement_detail": PUBLIC,
    "api:group_announcement_post": Rule("groups.announce"),
    # Everyone reads the comments under pseudonyms; names only for the announcing organisation and administrators.
    "api:group_comment_list": Rule("groups.identify_commenters", public_read=True),
    "api:group_comment_submit": Rule("groups.comment"),
    "api:announcement_list": PUBLIC,
    "api:announcement_detail": PUBLIC,
    # committees
    "committees:list": PUBLIC,
    "committees:detail": PUBLIC,
    # development
    "development:list": PUBLIC,
    "development:detail": PUBLIC,
    "development:document_upload": Rule("development.manage"),
    "development:document_download": Rule("development.documents", public_read=True),
    "development:comment_submit": Rule("development.comment"),
    "development:comments": Rule("development.view_comments", public_read=True),
    "development:comment_dispose": Rule("development.manage"),
    "development:disposition_table": Rule("development.comments", public_read=True),
    "development:ballot_open": Rule("development.manage"),
    "development:ballot": Rule("development.see_votes", public_read=True),
    "development:ballot_vote": Rule("development.vote"),
    "development:ballot_record": Rule("development.manage"),
    "development:ballot_close": Rule("development.manage"),
    "development:extension_request": Rule("development.manage"),
    "development:extension_decide": Rule("development.decide"),
    "development:reviews": Rule("development.queue"),
    "development:review_conclude": Rule("development.review_standard"),
    "development:propose": Rule("development.propose"),
    "development:move": Rule("development.move"),
    "development:tbt": Rule("development.manage"),
    "development:publish": Rule("development.decide"),
    "development:withdraw_publication": Rule("development.withdraw_publication"),
    "development:dashboard": Rule("development.work"),
    "development:queue": Rule("development.work"),
    # declarations: the public disclosure (published declarations; withdrawn ones' history too, not their texts)
    "declarations:search": PUBLIC,
    "declarations:detail": PUBLIC,
    "declarations:version": PUBLIC,
    "declarations:text": Rule("declarations.read_text", public_read=True),  # published texts only
    "declarations:enterprise": PUBLIC,
    "declarations:product": PUBLIC,
    # filing
    "filing:list": PUBLIC,
    "filing:detail": Rule("filing.view", public_read=True),  # accepted filings are public
    "filing:statistics": PUBLIC,
    "filing:statistics_xlsx": PUBLIC,
    "filing:announcements": PUBLIC,
    "filing:announcement": PUBLIC,
    "filing:work_dashboard": Rule("filing.work"),
    "filing:work_new": Rule("filing.submit"),
    "filing:work_detail": Rule("filing.work_on"),
    "filing:work_text": Rule("filing.view_text"),
    "filing:work_revise": Rule("filing.revise"),
    "filing:work_withdraw": Rule("filing.withdraw"),
    "filing:work_approve_city": Rule("filing.approve_city"),
    "filing:work_return_city": Rule("filing.approve_city"),
    "filing:work_accept": Rule("filing.review"),
    "filing:work_return": Rule("filing.review"),
    "filing:work_review_queue": Rule("filing.review"),
    "filing:work_province_queue": Rule("filing.work"),
    "filing:work_overdue": Rule("filing.work"),
    "filing:batch": Rule("filing.submit_batch"),
    "filing:batch_template": Rule("filing.work"),
    "filing:batch_detail": Rule("filing.view_batch"),
    "filing:batch_resume": Rule("filing.submit_batch"),
    "filing:reviews": Rule("filing.view_reviews"),
    "filing:review_conclude": Rule("filing.conclude_review"),
    "filing:flags": Rule("filing.flags"),
    "filing:flag_decide": Rule("filing.decide_flag"),
    "filing:conversion": Rule("filing.work"),  # the recording itself: catalog.record_conversion per standard
    # groups (social organisations and group standards)
    "groups:list": PUBLIC,
    "groups:detail": PUBLIC,
    "groups:statistics": PUBLIC,
    "groups:statistics_xlsx": PUBLIC,
    "groups:announcements": PUBLIC,
    "groups:announcement": PUBLIC,
    "groups:announcement_draft": PUBLIC,  # a 征求意见稿 is published for everyone to read
    "groups:comment_submit": Rule("groups.comment"),
    "groups:comments": Rule("groups.view_comments"),
    "groups:comments_xlsx": Rule("groups.view_comments"),
    "groups:work": Rule("groups.work"),
    "groups:register": Rule("groups.register"),
    "groups:edit": Rule("groups.edit_profile"),
    "groups:publish": Rule("groups.publish"),
    "groups:announce": Rule("groups.announce"),
    # 企业标准"领跑者" and 对标达标
    "leaders:index": PUBLIC,
    "leaders:product": PUBLIC,
    "leaders:list": Rule("leaders.view_list", public_read=True),  # lists in notice or published; drafts 404
    "leaders:objection": Rule("leaders.object"),
    "leaders:rank": Rule("leaders.rank"),
    "leaders:run": Rule("leaders.view_runs"),
    "leaders:draft": Rule("leaders.manage"),
    "leaders:open_notice": Rule("leaders.manage"),
    "leaders:publish": Rule("leaders.manage"),
    "leaders:decide": Rule("leaders.decide_objection"),
    "leaders:gaps": Rule("leaders.compare"),
    "leaders:product_new": Rule("leaders.manage"),
    "leaders:product_edit": Rule("leaders.edit_product"),
    "leaders:scheme_new": Rule("leaders.manage"),
    "leaders:scheme_edit": Rule("leaders.edit_scheme"),
    "leaders:scheme_mapping": Rule("leaders.view_runs"),
    # declarations: the enterprises' work pages
    "declarations:work_dashboard": Rule("declarations.work"),
    "declarations:work_enterprise": Rule("declarations.view_enterprise"),
    "declarations:work_profile": Rule("declarations.edit_profile"),
    "declarations:work_products": Rule("declarations.manage_products"),
    "declarations:work_product_edit": Rule("declarations.manage_products"),
    "declarations:work_declare": Rule("declarations.declare"),
    "declarations:work_detail": Rule("declarations.work_on"),
    "declarations:work_revise": Rule("declarations.revise"),
    "declarations:work_withdraw": Rule("declarations.withdraw"),
    "declarations:work_text": Rule("declarations.work_on"),
    "declarations:work_import": Rule("declarations.import"),
    "declarations:work_import_detail": Rule("declarations.import"),  # the job of one's own enterprise
    "declarations:work_import_rejects": Rule("declarations.import"),
    "declarations:work_import_template": Rule("declarations.work"),
    # portal
    "portal:home": PUBLIC,
    "portal:standard_list": PUBLIC,
    "portal:search_facets": PUBLIC,
    "portal:validity_check": PUBLIC,
    "portal:watch_list": SIGNED_IN,
    "portal:watch_standard": Rule("portal.watch"),
    "portal:save_search": Rule("portal.watch"),
    "portal:unwatch": Rule("portal.manage_watch"),
    "portal:feed": PUBLIC,
    "portal:class_feed": PUBLIC,
    # A standard's texts: public as catalog/text_access.py allows (mandatory standards to download, recommended ones
    # to read online, ...); the rule lets the catalogue's maintainers read and download every text.
    "portal:full_text": Rule("catalog.read_any_text", public_read=True),
    "portal:read_full_text": Rule("catalog.read_any_text", public_read=True),
    "portal:text_bundle": Rule("catalog.read_any_text", public_read=True),
    "portal:amendment_text": Rule("catalog.read_any_text", public_read=True),
    "portal:read_amendment": Rule("catalog.read_any_text", public_read=True),
    "portal:citation": PUBLIC,
    "portal:feedback": PUBLIC,  # anyone writes: signed in, or with a name and an address for the answer
    "portal:standard_detail": PUBLIC,
}
ENDPOINTS.update({
    # random inspections (双随机、一公开)
    "inspections:list": PUBLIC,
    "inspections:non_compliance": PUBLIC,
    "inspections:detail": Rule("inspections.view", public_read=True),  # drafts: their authority only
    "inspections:verify": Rule("inspections.view_draw", public_read=True),  # public from the draw on
    "inspections:population_snapshot": Rule("inspections.view_draw", public_read=True),
    "inspections:inspectors_snapshot": Rule("inspections.view_draw", public_read=True),
    "inspections:work_dashboard": Rule("inspections.work"),
    "inspections:work_new": Rule("inspections.create"),
    "inspections:work_inspectors": Rule("inspections.keep_pool"),
    "inspections:work_campaign": Rule("inspections.manage"),
    "inspections:work_move": Rule("inspections.manage"),
    "inspections:work_item": Rule("inspections.record"),
    "inspections:work_evidence": Rule("inspections.view_evidence"),
    "inspections:work_follow_up": Rule("inspections.manage"),
    "inspections:work_pool_import": Rule("inspections.keep_pool"),
    "inspections:work_pool_template": Rule("inspections.keep_pool"),
    "inspections:abolitions": PUBLIC,  # law art. 39 notices (废止公示)
    "inspections:abolition": PUBLIC,
    "inspections:work_abolitions": Rule("inspections.work"),
    "inspections:work_abolish": Rule("inspections.abolish"),
    "api:campaign_list": PUBLIC,
    "api:campaign_detail": Rule("inspections.view", public_read=True),
    "api:non_compliance_list": PUBLIC,
    "api:abolition_list": PUBLIC,
    "api:abolition_detail": PUBLIC,
})
ENDPOINTS.update({
    # implementation feedback: anyone writes and follows their own item (a code's grant is checked by the views, it
    # is not a role); handlers, those who oversee and the national administration work on it
    "feedback:index": PUBLIC,  # how to write, follow and read answers
    "feedback:track": PUBLIC,
    "feedback:track_verify": PUBLIC,  # the emailed one-time code is the credential
    "feedback:mine": SIGNED_IN,
    "feedback:queue": Rule("feedback.work"),
    "feedback:overview": Rule("feedback.oversee"),
    "feedback:standard": Rule("feedback.work"),
    "feedback:statistics": PUBLIC,  # aggregate figures only
    "feedback:exports": Rule("feedback.export"),
    "feedback:export_download": Rule("feedback.export"),
    "feedback:item": Rule("feedback.view"),
    "feedback:act": Rule("feedback.handle"),
    "feedback:reassign": Rule("feedback.reassign"),
    "feedback:route": Rule("feedback.oversee"),
    "feedback:close": Rule("feedback.close"),
    "feedback:interpretation_publish": Rule("feedback.handle"),
    "feedback:interpretation_withdraw": Rule("feedback.handle"),
    "feedback:attachment": Rule("feedback.view"),
    "api:feedback_submit": PUBLIC,
    "api:feedback_track_code": PUBLIC,
    "api:feedback_track_verify": PUBLIC,
    "api:feedback_interpretations": PUBLIC,
    "api:feedback_statistics": PUBLIC,
    "api:feedback_mine": SIGNED_IN,
    "api:feedback_queue": Rule("feedback.work"),
    "api:feedback_detail": Rule("feedback.view"),
    "api:feedback_acknowledge": Rule("feedback.handle"),
    "api:feedback_answer": Rule("feedback.handle"),
    "api:feedback_close": Rule("feedback.close"),
    "api:feedback_merge": Rule("feedback.handle"),
    "api:feedback_reject": Rule("feedback.handle"),
    "api:feedback_reassign": Rule("feedback.reassign"),
    "api:feedback_route": Rule("feedback.oversee"),
    "api:feedback_publish_interpretation": Rule("feedback.handle"),
    # change propagation: the flags of the organisations one acts for; the national administration oversees
    "propagation:flags": Rule("propagation.work"),
    "propagation:resolve": Rule("propagation.resolve"),
    "propagation:changes": Rule("propagation.oversee"),
    "propagation:change": Rule("propagation.oversee"),
    "propagation:standard": Rule("propagation.oversee"),
    "api:propagation_flags": Rule("propagation.work"),
    "api:propagation_flag_resolve": Rule("propagation.resolve"),
    "api:propagation_citations": Rule("propagation.oversee"),
})
ENDPOINTS.update({
    # committees: applications to establish, restructure or merge (public from their notice on), terms, contacts
    "committees:notices": PUBLIC,
    "committees:apply": Rule("committees.apply"),
    "committees:mine": SIGNED_IN,  # the applications of the organisations one acts for
    "committees:queue": Rule("committees.review"),
    "committees:application": Rule("committees.view_application", public_read=True),  # drafts: applicant and staff
    "committees:application_edit": Rule("committees.edit_application"),
    "committees:application_submit": Rule("committees.edit_application"),
    "committees:application_withdraw": Rule("committees.edit_application"),
    "committees:application_comment": Rule("committees.comment"),
    "committees:application_notice": Rule("committees.review"),
    "committees:application_decide": Rule("committees.decide_application"),
    "committees:propose_change": Rule("committees.propose_change"),
    "committees:terms": Rule("committees.terms"),
    "committees:contacts": Rule("committees.manage"),
    "api:committee_application_list": PUBLIC,  # those gone to notice; one's own and all for the staff too
    "api:committee_application_detail": Rule("committees.view_application", public_read=True),
    "api:committee_application_create": Rule("committees.apply"),
    "api:committee_application_update": Rule("committees.edit_application"),
    "api:committee_application_submit": Rule("committees.edit_application"),
    "api:committee_application_withdraw": Rule("committees.edit_application"),
    "api:committee_application_notice": Rule("committees.review"),
    "api:committee_application_decide": Rule("committees.decide_application"),
    "api:committee_application_comments": Rule("committees.identify_commenters", public_read=True),
    "api:committee_application_comment": Rule("committees.comment"),
    "api:committee_terms": PUBLIC,
    "api:committee_term_renew": Rule("committees.terms"),
})
# the yearly assessment of committees: the administration assesses; a committee's secretariat sees its own
ENDPOINTS.update({
    "assessments:list": Rule("assessments.oversee"),
    "assessments:run": Rule("assessments.assess"),
    "assessments:scheme": Rule("assessments.oversee"),  # edited by administrators (assessments.configure)
    "assessments:mine": Rule("assessments.own"),
    "assessments:report_xlsx": Rule("assessments.view"),
    "assessments:report_pdf": Rule("assessments.view"),
    "assessments:detail": Rule("assessments.view"),
    "assessments:compute": Rule("assessments.assess"),
    "assessments:score": Rule("assessments.assess"),
    "assessments:finalise": Rule("assessments.decide"),
    "assessments:decide": Rule("assessments.decide"),
    "assessments:correction": Rule("assessments.decide"),
    "api:assessment_list": Rule("assessments.oversee"),
    "api:assessment_mine": Rule("assessments.view"),
    "api:assessment_scheme": Rule("assessments.oversee"),
    "api:assessment_scheme_update": Rule("assessments.configure"),
    "api:assessment_report": Rule("assessments.view"),
    "api:assessment_detail": Rule("assessments.view"),
    "api:assessment_run": Rule("assessments.assess"),
    "api:assessment_compute": Rule("assessments.assess"),
    "api:assessment_score": Rule("assessments.assess"),
    "api:assessment_finalise": Rule("assessments.decide"),
    "api:assessment_decide": Rule("assessments.decide"),
    "api:assessment_close_correction": Rule("assessments.decide"),
    # China's participation in ISO/IEC: the register, posts and work items are public; ballots are not
    "international:index": PUBLIC,  # the door: each part's figure and pages
    "international:participation_register": PUBLIC,
    "international:participation_committee": PUBLIC,  # its ballots listed to those who may see them only
    "international:participation_posts": PUBLIC,
    "international:participation_work_items": PUBLIC,
    "international:participation_work_item": PUBLIC,  # the stage form shown to the administration only
    "international:participation_stage": Rule("participation.manage"),
    "international:participation_ballots": Rule("participation.own"),
    "international:participation_ballot": Rule("participation.see_ballot"),
    "international:participation_vote": Rule("participation.vote"),
    "api:participation_committee_list": PUBLIC,
    "api:participation_committee_detail": PUBLIC,
    "api:participation_post_list": PUBLIC,
    "api:participation_work_item_list": PUBLIC,
    "api:participation_work_item_detail": PUBLIC,
    "api:participation_work_item_stage": Rule("participation.manage"),
    "api:participation_ballot_list": Rule("participation.own"),
    "api:participation_ballot_open": Rule("participation.manage"),
    "api:participation_ballot_detail": Rule("participation.see_ballot"),
    "api:participation_ballot_vote": Rule("participation.vote"),
})
# foreign-language versions (public plan; the administration manages, the undertaking unit moves its own) and
# indicator comparisons (public once published; written by the standard's committee secretariat and the administration)
ENDPOINTS.update({
    "international:translations_plan": PUBLIC,
    "international:translations_detail": PUBLIC,
    "international:translations_create": Rule("translations.manage"),
    "international:translations_import": Rule("translations.manage"),
    "international:translations_template": Rule("translations.manage"),
    "international:translations_publish": Rule("translations.manage"),
    "international:translations_move": Rule("translations.work"),
    "international:translations_mine": Rule("translations.own"),
    "international:indicators_list": PUBLIC,  # published comparisons, and the drafts one writes
    "international:indicators_detail": Rule("indicators.view", public_read=True),
    "international:indicators_export": Rule("indicators.view", public_read=True),
    "international:indicators_create": Rule("indicators.write"),
    "international:indicators_edit": Rule("indicators.write"),
    "international:indicators_import": Rule("indicators.write"),
    "international:indicators_template": Rule("indicators.write"),
    "international:indicators_publish": Rule("indicators.write"),
    "international:indicators_restore": Rule("indicators.write"),
    "api:translation_list": PUBLIC,
    "api:translation_detail": PUBLIC,
    "api:translation_move": Rule("translations.work"),
    "api:comparison_list": PUBLIC,
    "api:comparison_rule": PUBLIC,
    "api:comparison_detail": Rule("indicators.view", public_read=True),
})
ENDPOINTS.update({
    # adoption of international standards: public statistics; the workbook for signed-in people (decision 0035)
    "international:adoption_index": PUBLIC,
    "international:adoption_candidates": PUBLIC,
    "international:adoption_behind": PUBLIC,
    "international:adoption_export": Rule("international.adoption_export"),
    "api:adoption_rates": PUBLIC,
    "api:stats_indicators": PUBLIC,  # public indicators to all, internal ones to staff
    "api:stats_figures": PUBLIC,  # an internal indicator's figures 404 to others
    # statistics (issue 15): national figures public; implementation of mandatory standards for staff
    "stats:index": PUBLIC,
    "stats:export": PUBLIC,
    "stats:report": PUBLIC,
    "stats:implementation": Rule("stats.view_internal"),
    "stats:implementation_export": Rule("stats.view_internal"),
    "api:adoption_candidates": PUBLIC,
    "api:adoption_behind": PUBLIC,
})
ENDPOINTS.update({
    # pilots and demonstrations (decision 0041): calls and pilots are public; applications are their organisation's
    # and their authority's; evaluations their authority's and evaluators'
    "programmes:index": PUBLIC,
    "programmes:programme": Rule("programmes.view_programme", public_read=True),  # drafts only to the authority
    "programmes:apply": Rule("programmes.apply"),
    "programmes:programme_move": Rule("programmes.manage"),
    "programmes:pilots": PUBLIC,
    "programmes:grid": PUBLIC,
    "programmes:pilots_xlsx": PUBLIC,
    "programmes:pilot": PUBLIC,  # the evaluation and evidence forms only to those who may use them
    "programmes:evaluation_open": Rule("programmes.manage"),
    "programmes:evidence_add": Rule("programmes.link_evidence"),
    "programmes:mine": Rule("programmes.own"),
    "programmes:work": Rule("programmes.work"),
    "programmes:application": Rule("programmes.view_application"),
    "programmes:withdraw": Rule("programmes.edit_application"),
    "programmes:review": Rule("programmes.manage"),
    "programmes:attachment": Rule("programmes.view_application"),
    "programmes:evaluation": Rule("programmes.view_evaluation"),
    "programmes:evaluation_score": Rule("programmes.score"),
    "programmes:evaluation_conclude": Rule("programmes.manage"),
    "api:programme_list": PUBLIC,
    "api:programme_detail": Rule("programmes.view_programme", public_read=True),
    "api:pilot_list": PUBLIC,
    "api:pilot_detail": PUBLIC,
    "api:programme_application_list": Rule("programmes.view_application"),
    "api:programme_application_detail": Rule("programmes.view_application"),
    "api:programme_application_decide": Rule("programmes.manage"),
    "api:programme_apply": Rule("programmes.apply"),
    # the yearly work plan (decision 0038): supervision for staff roles, a task for staff and its units
    "workplan:index": Rule("workplan.view"),
    "workplan:import": Rule("workplan.manage"),
    "workplan:mine": Rule("workplan.own"),
    "workplan:plan": Rule("workplan.view"),
    "workplan:progress": Rule("workplan.view"),
    "workplan:overdue": Rule("workplan.view"),
    "workplan:summary_xlsx": Rule("workplan.view"),
    "workplan:summary_pdf": Rule("workplan.view"),
    "workplan:task": Rule("workplan.see_task"),
    "workplan:report": Rule("workplan.report"),
    "workplan:move": Rule("workplan.move"),
    "workplan:assign": Rule("workplan.manage"),
    "workplan:evidence": Rule("workplan.report"),
    "api:workplan_plans": Rule("workplan.view"),
    "api:workplan_plan": Rule("workplan.view"),
    "api:workplan_tasks": Rule("workplan.view"),
    "api:workplan_task": Rule("workplan.see_task"),
    "api:workplan_report": Rule("workplan.report"),
    "api:workplan_move": Rule("workplan.move"),
    # standard systems (体系表) and programme tags: public pages and reads; editing for the owner (decision 0039)
    "systems:list": PUBLIC,
    "systems:detail": PUBLIC,
    "systems:export": PUBLIC,
    "systems:template": PUBLIC,
    "systems:tags": PUBLIC,  # the tagging forms shown to those who may tag
    "systems:create": Rule("systems.create"),
    "systems:manage": Rule("systems.edit"),
    "systems:import": Rule("systems.edit"),
    "systems:node_add": Rule("systems.edit"),
    "systems:node_change": Rule("systems.edit"),
    "systems:node_remove": Rule("systems.edit"),
    "systems:node_assign": Rule("systems.edit"),
    "systems:node_unassign": Rule("systems.edit"),
    "systems:tag_standard": Rule("systems.tag_standard"),
    "systems:tag_project": Rule("systems.tag_project"),
    "api:system_list": PUBLIC,
    "api:tag_list": PUBLIC,
    "api:system_detail": PUBLIC,
    "api:system_gaps": PUBLIC,
    "api:node_detail": PUBLIC,
    "api:standard_tags": PUBLIC,
    "api:standard_tags_set": Rule("systems.tag_standard"),
    "api:project_tags": PUBLIC,
    "api:project_tags_set": Rule("systems.tag_project"),
})
