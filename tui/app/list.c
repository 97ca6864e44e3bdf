/* list: selection and scrolling shared by the list screens. */
#include "tui/app/tui.h"

void listnav_fit(struct listnav *l, int n, int height)
{
	if (height < 1)
		height = 1;
	if (l->sel >= n)
		l->sel = n - 1;
	if (l->sel < 0)
		l->sel = 0;
	if (l->top > l->sel)
		l->top = l->sel;
	if (l->sel >= l->top + height)
		l->top = l->sel - height + 1;
	if (l->top < 0)
		l->top = 0;
}

bool listnav_key(struct listnav *l, enum key_action a, int n, int height)
{
	switch (a) {
	case ACT_UP: l->sel--; break;
	case ACT_DOWN: l->sel++; break;
	case ACT_TOP: l->sel = 0; break;
	case ACT_BOTTOM: l->sel = n - 1; break;
	case ACT_PAGE_UP: l->sel -= height > 1 ? height - 1 : 1; break;
	case ACT_PAGE_DOWN: l->sel += height > 1 ? height - 1 : 1; break;
	default: return false;
	}
	listnav_fit(l, n, height);
	return true;
}

bool listnav_click(struct listnav *l, int y, int first, int n)
{
	int row = l->top + y - first;
	if (y < first || row < 0 || row >= n)
		return false;
	bool again = row == l->sel;
	l->sel = row;
	return again;
}

void draw_row(struct app *app, int y, const char *text, bool selected, enum color c)
{
	enum color col = selected ? C_SELECTED : c;
	draw_color(app, col, true);
	if (selected)
		draw_fill(y, 0, app->cols);
	draw_text(y, 1, text, app->cols - 2);
	draw_color(app, col, false);
}

void draw_header(struct app *app, int y, const char *text)
{
	draw_color(app, C_HEADER, true);
	draw_text(y, 1, text, app->cols - 2);
	draw_color(app, C_HEADER, false);
}
