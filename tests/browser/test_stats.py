"""The statistics dashboard in a real browser: the national overview by CCS class draws its chart (ECharts on a
canvas, data from json_script under the Content Security Policy), and following a class drills down to it: the
URL keeps the state, the chart is drawn again and the table beside it changes to that class's years."""

from playwright.sync_api import expect

CANVAS_DRAWN = """() => {
  const canvas = document.querySelector('.stats-chart canvas');
  if (!canvas) return false;
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
  return false;
}"""


def test_national_overview_drills_down_to_a_field(browser, site):
    page = browser.new_context(locale="zh-CN", base_url=site).new_page()
    page.goto("/stats/?indicator=standards_in_force&dimension=ccs")
    expect(page.locator(".stats-chart[data-drawn='true']")).to_have_count(1)
    page.wait_for_function(CANVAS_DRAWN)
    national = page.locator("#stats-table").inner_text()
    first = page.locator("#stats-table tbody a").first
    name = first.inner_text()
    first.click()

    page.wait_for_url("**focus=ccs**")
    assert "key=" in page.url
    expect(page.locator(".breadcrumb")).to_contain_text(name)
    expect(page.locator(".stats-chart[data-drawn='true']")).to_have_count(1)
    page.wait_for_function(CANVAS_DRAWN)
    assert page.locator("#stats-table").inner_text() != national
    expect(page.locator("#stats-table caption")).to_contain_text(name)
    expect(page.locator("#stats-field-table")).to_contain_text("现行标准数")
