from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'report.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_data = resolve('data')
    l_0_css = resolve('css')
    l_0_summary = resolve('summary')
    l_0_overdue = resolve('overdue')
    l_0_profile = resolve('profile')
    l_0_factors_table = resolve('factors_table')
    l_0_heatmap = resolve('heatmap')
    l_0_agencies_table = resolve('agencies_table')
    l_0_trend = resolve('trend')
    l_0_trends_table = resolve('trends_table')
    l_0_answer_key = resolve('answer_key')
    l_0_factor_sections = resolve('factor_sections')
    l_0_structure = resolve('structure')
    l_0_raci_table = resolve('raci_table')
    l_0_targets_table = resolve('targets_table')
    l_0_attendance_table = resolve('attendance_table')
    l_0_funding_table = resolve('funding_table')
    l_0_responses_table = resolve('responses_table')
    l_0_role_groups_table = resolve('role_groups_table')
    l_0_suppression_table = resolve('suppression_table')
    l_0_reliability_table = resolve('reliability_table')
    l_0_min_divergence = resolve('min_divergence')
    l_0_ratings_table = resolve('ratings_table')
    l_0_works = resolve('works')
    l_0_recommended = resolve('recommended')
    l_0_actions_table = resolve('actions_table')
    l_0_table = l_0_drawn = l_0_figure = l_0_severity = missing
    try:
        t_1 = environment.filters['bounds']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'bounds' found.")
    try:
        t_2 = environment.filters['breakable']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'breakable' found.")
    try:
        t_3 = environment.filters['cell']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'cell' found.")
    try:
        t_4 = environment.filters['column_widths']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'column_widths' found.")
    try:
        t_5 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    try:
        t_6 = environment.filters['govuk_date']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'govuk_date' found.")
    try:
        t_7 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_8 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_9 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_10 = environment.filters['lower']
    except KeyError:
        @internalcode
        def t_10(*unused):
            raise TemplateRuntimeError("No filter named 'lower' found.")
    try:
        t_11 = environment.filters['numeric_columns']
    except KeyError:
        @internalcode
        def t_11(*unused):
            raise TemplateRuntimeError("No filter named 'numeric_columns' found.")
    try:
        t_12 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_12(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    try:
        t_13 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_13(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    try:
        t_14 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_14(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    try:
        t_15 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_15(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    try:
        t_16 = environment.tests['number']
    except KeyError:
        @internalcode
        def t_16(*unused):
            raise TemplateRuntimeError("No test named 'number' found.")
    pass
    def macro(l_1_t, l_1_caption):
        t_17 = []
        l_1_numeric = missing
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        if l_1_caption is missing:
            l_1_caption = None
        pass
        t_17.extend((
            '<div class="table-wrap" role="region" aria-label="',
            escape((l_1_caption or environment.getattr(l_1_t, 'title'))),
            '" tabindex="0">\n<table>\n<caption>',
            escape((l_1_caption or environment.getattr(l_1_t, 'title'))),
            '</caption>\n<colgroup>',
        ))
        for l_2_width in t_4(l_1_t):
            _loop_vars = {}
            pass
            t_17.extend((
                '<col style="width: ',
                escape(l_2_width),
                '%">',
            ))
        l_2_width = missing
        t_17.append(
            '</colgroup>\n',
        )
        l_1_numeric = t_11(l_1_t)
        t_17.append(
            '<thead><tr>',
        )
        l_2_loop = missing
        for l_2_column, l_2_loop in LoopContext(environment.getattr(l_1_t, 'columns'), undefined):
            _loop_vars = {}
            pass
            t_17.append(
                '<th scope="col"',
            )
            if environment.getitem((undefined(name='numeric') if l_1_numeric is missing else l_1_numeric), environment.getattr(l_2_loop, 'index0')):
                pass
                t_17.append(
                    ' class="num"',
                )
            t_17.extend((
                '>',
                escape(t_2(l_2_column)),
                '</th>',
            ))
        l_2_loop = l_2_column = missing
        t_17.append(
            '</tr></thead>\n<tbody>\n',
        )
        l_2_loop = missing
        t_18 = 1
        for l_2_row, l_2_loop in LoopContext(environment.getattr(l_1_t, 'rows'), undefined):
            _loop_vars = {}
            pass
            t_17.append(
                '<tr>',
            )
            l_3_loop = missing
            for l_3_value, l_3_loop in LoopContext(l_2_row, undefined):
                _loop_vars = {}
                pass
                if environment.getattr(l_3_loop, 'first'):
                    pass
                    t_17.extend((
                        '<th scope="row">',
                        escape(t_3(l_3_value, environment.getitem(environment.getattr(l_1_t, 'columns'), 0))),
                        '</th>',
                    ))
                else:
                    pass
                    t_17.append(
                        '<td',
                    )
                    if (t_16(l_3_value) or environment.getitem((undefined(name='numeric') if l_1_numeric is missing else l_1_numeric), environment.getattr(l_3_loop, 'index0'))):
                        pass
                        t_17.append(
                            ' class="num"',
                        )
                    t_17.extend((
                        '>',
                        escape(t_3(l_3_value, environment.getitem(environment.getattr(l_1_t, 'columns'), environment.getattr(l_3_loop, 'index0')))),
                        '</td>',
                    ))
            l_3_loop = l_3_value = missing
            t_17.append(
                '</tr>\n',
            )
            t_18 = 0
        l_2_loop = l_2_row = missing
        if t_18:
            pass
            t_17.extend((
                '<tr><td colspan="',
                escape(t_8(environment.getattr(l_1_t, 'columns'))),
                '">Nothing to show.</td></tr>\n',
            ))
        t_17.append(
            '</tbody>\n</table>\n</div>',
        )
        return concat(t_17)
    context.exported_vars.add('table')
    context.vars['table'] = l_0_table = Macro(environment, macro, 'table', ('t', 'caption'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_chart):
        t_19 = []
        l_1_drawing = resolve('drawing')
        if l_1_chart is missing:
            l_1_chart = undefined("parameter 'chart' was not provided", name='chart')
        pass
        t_19.extend((
            '<div class="chart-wrap" role="region" aria-label="Chart: ',
            escape(environment.getattr(l_1_chart, 'title')),
            '" tabindex="0">\n',
            escape(t_12(context.call((undefined(name='drawing') if l_1_drawing is missing else l_1_drawing), l_1_chart))),
            '\n</div>',
        ))
        return concat(t_19)
    context.exported_vars.add('drawn')
    context.vars['drawn'] = l_0_drawn = Macro(environment, macro, 'drawn', ('chart',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_chart, l_1_data_table):
        t_20 = []
        if l_1_chart is missing:
            l_1_chart = undefined("parameter 'chart' was not provided", name='chart')
        if l_1_data_table is missing:
            l_1_data_table = undefined("parameter 'data_table' was not provided", name='data_table')
        pass
        t_20.extend((
            '<figure class="chart" aria-labelledby="',
            escape(environment.getattr(l_1_chart, 'id')),
            '-caption">\n',
            escape(context.call((undefined(name='drawn') if l_0_drawn is missing else l_0_drawn), l_1_chart)),
            '\n<figcaption id="',
            escape(environment.getattr(l_1_chart, 'id')),
            '-caption">',
            escape(environment.getattr(l_1_chart, 'title')),
            '. <span class="visually-hidden">',
            escape(environment.getattr(l_1_chart, 'description')),
            '</span> The data are in the table that follows.</figcaption>\n</figure>\n',
        ))
        if l_1_data_table:
            pass
            t_20.append(
                escape(context.call((undefined(name='table') if l_0_table is missing else l_0_table), l_1_data_table)),
            )
        return concat(t_20)
    context.exported_vars.add('figure')
    context.vars['figure'] = l_0_figure = Macro(environment, macro, 'figure', ('chart', 'data_table'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_finding):
        t_21 = []
        if l_1_finding is missing:
            l_1_finding = undefined("parameter 'finding' was not provided", name='finding')
        pass
        t_21.extend((
            '<strong class="tag tag-',
            escape(environment.getattr(environment.getattr(l_1_finding, 'severity'), 'value')),
            '">',
            escape(environment.getattr(environment.getattr(l_1_finding, 'severity'), 'value')),
            '</strong>',
        ))
        return concat(t_21)
    context.exported_vars.add('severity')
    context.vars['severity'] = l_0_severity = Macro(environment, macro, 'severity', ('finding',), False, False, False, context.eval_ctx.autoescape)
    yield '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="joinedup">\n<title>'
    yield escape(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'partnership'))
    yield ': partnership report, '
    yield escape(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'round'))
    yield '</title>\n<style>\n'
    yield escape(t_12((undefined(name='css') if l_0_css is missing else l_0_css)))
    yield '\n</style>\n</head>\n<body>\n<a class="skip-link" href="#main">Skip to the report</a>\n<header class="report-header">\n<h1>'
    yield escape(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'partnership'))
    yield ': partnership report</h1>\n<p class="lede">'
    yield escape(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'round'))
    yield ' · '
    if (not t_15(environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'analysis'), 'n'))):
        pass
        yield escape(environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'analysis'), 'n'))
        yield ' responses'
    else:
        pass
        yield 'too few responses to show any figure'
    yield ' · produced '
    yield escape(t_6(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'generated_on')))
    yield '</p>\n<nav aria-label="Contents">\n<h2 class="contents-heading">Contents</h2>\n<ol>\n<li><a href="#summary">Board summary</a></li>\n<li><a href="#now">How good are we now?</a></li>\n<li><a href="#know">How do we know?</a></li>\n<li><a href="#next">What next?</a></li>\n</ol>\n</nav>\n</header>\n<main id="main">\n\n<section id="summary" aria-labelledby="summary-heading" class="summary">\n<h2 id="summary-heading">Board summary</h2>\n<div class="board-page">\n<h3 id="summary-stand">Where we stand</h3>\n'
    if environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'shown'):
        pass
        yield '<p>Of '
        yield escape(environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'shown'))
        yield ' factors shown, the answers put '
        yield escape(environment.getattr(environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'counts'), 'concern'))
        yield ' below 3 (a concern), '
        yield escape(environment.getattr(environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'counts'), 'strength'))
        yield ' at 4 or above (a strength) and '
        yield escape(environment.getattr(environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'counts'), 'borderline'))
        yield ' between the two; for '
        yield escape(environment.getattr(environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'counts'), 'unclear'))
        yield " the range of likely scores crosses a threshold, so more answers would tell. A label is given only when a factor's whole 95% interval lies on one side of the threshold.</p>\n"
        if environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'separable'):
            pass
            yield '<p><strong>Strongest:</strong> '
            l_1_loop = missing
            for l_1_f, l_1_loop in LoopContext(environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'strongest'), undefined):
                l_1_names = resolve('names')
                _loop_vars = {}
                pass
                yield escape(environment.getitem((undefined(name='names') if l_1_names is missing else l_1_names), environment.getattr(l_1_f, 'id')))
                yield ' ('
                yield escape(t_1(environment.getattr(l_1_f, 'ci')))
                yield ')'
                yield escape(('; ' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 66 in 'report.html.j2' evaluated to false and no else section was defined.")))
            l_1_loop = l_1_f = l_1_names = missing
            yield '. <strong>Weakest:</strong> '
            l_1_loop = missing
            for l_1_f, l_1_loop in LoopContext(environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'weakest'), undefined):
                l_1_names = resolve('names')
                _loop_vars = {}
                pass
                yield escape(environment.getitem((undefined(name='names') if l_1_names is missing else l_1_names), environment.getattr(l_1_f, 'id')))
                yield ' ('
                yield escape(t_1(environment.getattr(l_1_f, 'ci')))
                yield ')'
                yield escape(('; ' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 66 in 'report.html.j2' evaluated to false and no else section was defined.")))
            l_1_loop = l_1_f = l_1_names = missing
            yield ". Each is named only because its interval lies clear of the other end's.</p>\n"
        else:
            pass
            yield '<p class="cannot-tell"><strong>The data cannot yet tell the factors apart:</strong> the highest- and lowest-scoring factors\' 95% intervals overlap, so no factor is named as strongest or weakest.</p>\n'
        yield '<div class="summary-grid">\n'
        for (l_1_label, l_1_heading) in (('concern', 'Concerns'), ('strength', 'Strengths'), ('borderline', 'Borderline'), ('unclear', 'Unclear: more answers would tell')):
            _loop_vars = {}
            pass
            if environment.getitem(environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'listed'), l_1_label):
                pass
                yield '<div>\n<h4>'
                yield escape(l_1_heading)
                yield '</h4>\n<ul>'
                for (l_2_name, l_2_words) in environment.getitem(environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'listed'), l_1_label):
                    _loop_vars = {}
                    pass
                    yield '<li>'
                    yield escape(l_2_name)
                    yield ': '
                    yield escape(l_2_words)
                    yield '</li>'
                l_2_name = l_2_words = missing
                if environment.getitem(environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'more'), l_1_label):
                    pass
                    yield '<li>and '
                    yield escape(environment.getitem(environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'more'), l_1_label))
                    yield ' more (see the factor profile)</li>'
                yield '</ul>\n</div>\n'
        l_1_label = l_1_heading = missing
        yield '</div>\n'
    else:
        pass
        yield "<p>Too few people answered for any factor's score to be shown.</p>\n"
    yield '<h3 id="summary-disagree">Where partners disagree</h3>\n<ul>'
    t_22 = 1
    for l_1_f in environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'disagreements'):
        _loop_vars = {}
        pass
        yield '<li>'
        yield escape(environment.getattr(l_1_f, 'statement'))
        yield '</li>'
        t_22 = 0
    l_1_f = missing
    if t_22:
        pass
        yield '<li>No two agencies large enough to compare (at least '
        yield escape((undefined(name='min_divergence') if l_0_min_divergence is missing else l_0_min_divergence))
        yield ' respondents each) differ clearly on any factor.</li>'
    for l_1_f in environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'non_response'):
        _loop_vars = {}
        pass
        yield '<li>'
        yield escape(environment.getattr(l_1_f, 'statement'))
        yield '</li>'
    l_1_f = missing
    yield '</ul>\n</div>\n<div class="board-page">\n<h3 id="summary-records">What the records show</h3>\n<ul>'
    t_23 = 1
    for l_1_f in environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'gaps'):
        _loop_vars = {}
        pass
        yield '<li>'
        yield escape(context.call((undefined(name='severity') if l_0_severity is missing else l_0_severity), l_1_f, _loop_vars=_loop_vars))
        yield ' '
        yield escape(environment.getattr(l_1_f, 'statement'))
        yield '</li>'
        t_23 = 0
    l_1_f = missing
    if t_23:
        pass
        yield '<li>'
        if ((((environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'check_findings') or environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'structure'), 'roles')) or environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'structure'), 'targets')) or environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'structure'), 'meetings')) or environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'structure'), 'funding')):
            pass
            yield 'The structure records show no gap.'
        else:
            pass
            yield 'No structure records were given.'
        yield '</li>'
    yield '<li>'
    if environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'due'):
        pass
        yield escape(t_8(environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'due')))
        yield ' open action'
        yield escape(('' if (t_8(environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'due')) == 1) else 's'))
        yield ' fall'
        yield escape(('s' if (t_8(environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'due')) == 1) else ''))
        yield ' due by '
        yield escape(t_6(environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'due_by')))
        l_0_overdue = t_9(context.eval_ctx, t_13(context, environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'due'), 'overdue'))
        context.vars['overdue'] = l_0_overdue
        context.exported_vars.add('overdue')
        if (undefined(name='overdue') if l_0_overdue is missing else l_0_overdue):
            pass
            yield ', '
            yield escape(t_8((undefined(name='overdue') if l_0_overdue is missing else l_0_overdue)))
            yield ' overdue'
        yield '.'
    elif (not environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'actions')):
        pass
        yield 'There is no action plan yet.'
    else:
        pass
        yield 'No open action falls due by '
        yield escape(t_6(environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'due_by')))
        yield '.'
    yield '</li></ul>\n<h3 id="summary-actions">The three actions that matter most</h3>\n'
    if environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'actions'):
        pass
        yield '<ol class="board-actions">\n'
        l_1_loop = missing
        for (l_1_r, l_1_answers), l_1_loop in LoopContext(environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'actions'), undefined):
            _loop_vars = {}
            pass
            yield '<li><strong>'
            yield escape(environment.getattr(l_1_r, 'title'))
            yield '.</strong> '
            yield escape(environment.getattr(l_1_r, 'what_to_do'))
            yield '\n<div class="support"><strong>'
            yield escape(environment.getattr(l_1_r, 'provenance_label'))
            yield '.</strong> Basis: '
            yield escape(environment.getattr(l_1_r, 'basis'))
            if environment.getattr(l_1_r, 'caveats'):
                pass
                yield ' Caveats: '
                yield escape(t_7(context.eval_ctx, environment.getattr(l_1_r, 'caveats'), ' '))
            yield '</div>\n<div class="support">Works that support this action: '
            if environment.getattr(l_1_r, 'action_works'):
                pass
                l_2_loop = missing
                for l_2_key, l_2_loop in LoopContext(environment.getattr(l_1_r, 'action_works'), undefined):
                    l_2_cite = resolve('cite')
                    _loop_vars = {}
                    pass
                    yield escape(context.call((undefined(name='cite') if l_2_cite is missing else l_2_cite), l_2_key, _loop_vars=_loop_vars))
                    yield escape(('; ' if (not environment.getattr(l_2_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 97 in 'report.html.j2' evaluated to false and no else section was defined.")))
                l_2_loop = l_2_key = l_2_cite = missing
            else:
                pass
                yield 'none'
            yield '. '
            if (t_8(l_1_answers) > environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'answers_shown')):
                pass
                yield 'Answers '
                yield escape(t_8(l_1_answers))
                yield ' findings, the most pressing: '
                yield escape(t_7(context.eval_ctx, l_1_answers[:environment.getattr((undefined(name='summary') if l_0_summary is missing else l_0_summary), 'answers_shown')], ' '))
            else:
                pass
                yield 'Answers: '
                yield escape(t_7(context.eval_ctx, l_1_answers, ' '))
            yield '</div></li>\n'
        l_1_loop = l_1_r = l_1_answers = missing
        yield '</ol>\n'
    else:
        pass
        yield '<p>No finding the data settle calls for action yet.</p>\n'
    yield '</div>\n</section>\n\n<section id="now" aria-labelledby="now-heading">\n<h2 id="now-heading">How good are we now?</h2>\n<p>Each factor\'s score is the mean of its statements on a scale from 1 (strongly disagree) to 5 (strongly agree). A factor is a concern only when its whole 95% interval lies below 3, a strength only when the whole interval lies at or above 4, and borderline when it lies between; otherwise it is unclear, and more answers would tell.</p>\n<h3>Factor profile</h3>\n'
    yield escape(context.call((undefined(name='figure') if l_0_figure is missing else l_0_figure), (undefined(name='profile') if l_0_profile is missing else l_0_profile), (undefined(name='factors_table') if l_0_factors_table is missing else l_0_factors_table)))
    yield '\n<h3>Agencies side by side</h3>\n<p>Groups with fewer than '
    yield escape(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'min_group'))
    yield ' respondents, and any group whose figure would let a small one be worked out, are shown as suppressed.</p>\n'
    yield escape(context.call((undefined(name='figure') if l_0_figure is missing else l_0_figure), (undefined(name='heatmap') if l_0_heatmap is missing else l_0_heatmap), (undefined(name='agencies_table') if l_0_agencies_table is missing else l_0_agencies_table)))
    yield '\n<h3>Trend</h3>\n'
    if (undefined(name='trend') if l_0_trend is missing else l_0_trend):
        pass
        yield escape(context.call((undefined(name='figure') if l_0_figure is missing else l_0_figure), (undefined(name='trend') if l_0_trend is missing else l_0_trend), (undefined(name='trends_table') if l_0_trends_table is missing else l_0_trends_table)))
        yield '\n'
    else:
        pass
        yield "<p>This is the partnership's first round: the next round's report will show the trend.</p>\n"
    yield '<h3>Findings</h3>\n<ol class="findings">\n'
    t_24 = 1
    for l_1_f in environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'findings'):
        l_1_names = resolve('names')
        _loop_vars = {}
        pass
        yield '<li class="finding finding-'
        yield escape(environment.getattr(l_1_f, 'kind'))
        yield '">'
        yield escape(context.call((undefined(name='severity') if l_0_severity is missing else l_0_severity), l_1_f, _loop_vars=_loop_vars))
        yield ' <span class="kind">'
        yield escape(environment.getattr(l_1_f, 'shown_label'))
        yield '</span> '
        yield escape(environment.getattr(l_1_f, 'statement'))
        yield '\n'
        if (environment.getattr(l_1_f, 'evidence_of') or environment.getattr(l_1_f, 'factor')):
            pass
            yield '<details class="how"><summary>How we worked this out</summary> <span>'
            if environment.getattr(l_1_f, 'evidence_of'):
                pass
                yield escape(t_7(context.eval_ctx, environment.getattr(l_1_f, 'evidence_of'), '; '))
                yield '.'
            if environment.getattr(l_1_f, 'factor'):
                pass
                yield escape((' ' if environment.getattr(l_1_f, 'evidence_of') else cond_expr_undefined("the inline if-expression on line 125 in 'report.html.j2' evaluated to false and no else section was defined.")))
                yield 'Evidence on '
                yield escape(t_10(environment.getitem((undefined(name='names') if l_1_names is missing else l_1_names), environment.getattr(l_1_f, 'factor'))))
                yield ': '
                yield escape(t_10(environment.getattr(environment.getitem(environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'evidence'), 'confidence'), environment.getattr(l_1_f, 'factor')), 'label')))
                yield ' confidence that it matters, from '
                yield escape(t_8(environment.getattr(l_1_f, 'works')))
                yield ' work'
                yield escape(('' if (t_8(environment.getattr(l_1_f, 'works')) == 1) else 's'))
                if environment.getattr(l_1_f, 'interventions'):
                    pass
                    yield '; '
                    yield escape(t_8(environment.getattr(l_1_f, 'interventions')))
                    yield ' suggested action'
                    yield escape(('' if (t_8(environment.getattr(l_1_f, 'interventions')) == 1) else 's'))
                yield ' (see <a href="#factor-'
                yield escape(environment.getattr(l_1_f, 'factor'))
                yield '">'
                yield escape(environment.getitem((undefined(name='names') if l_1_names is missing else l_1_names), environment.getattr(l_1_f, 'factor')))
                yield '</a>).'
            yield '</span></details>\n'
        yield '</li>\n'
        t_24 = 0
    l_1_f = l_1_names = missing
    if t_24:
        pass
        yield '<li>No findings: there was too little to go on.</li>\n'
    yield '</ol>\n<h3>Factor by factor</h3>\n<p class="key">Key to the charts of statements: '
    l_1_loop = missing
    for (l_1_colour, l_1_label), l_1_loop in LoopContext((undefined(name='answer_key') if l_0_answer_key is missing else l_0_answer_key), undefined):
        _loop_vars = {}
        pass
        yield '<span class="swatch" style="background: '
        yield escape(l_1_colour)
        yield '"></span> '
        yield escape(l_1_label)
        yield escape(('; ' if (not environment.getattr(l_1_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 133 in 'report.html.j2' evaluated to false and no else section was defined.")))
    l_1_loop = l_1_colour = l_1_label = missing
    yield '. Disagreement runs left of the centre line, agreement right; "neither" straddles it.</p>\n'
    for l_1_s in (undefined(name='factor_sections') if l_0_factor_sections is missing else l_0_factor_sections):
        _loop_vars = {}
        pass
        yield '<section class="factor" id="factor-'
        yield escape(environment.getattr(environment.getattr(l_1_s, 'result'), 'id'))
        yield '" aria-labelledby="factor-'
        yield escape(environment.getattr(environment.getattr(l_1_s, 'result'), 'id'))
        yield '-heading">\n<h4 id="factor-'
        yield escape(environment.getattr(environment.getattr(l_1_s, 'result'), 'id'))
        yield '-heading">'
        yield escape(environment.getattr(l_1_s, 'name'))
        yield '</h4>\n<p class="facilitator">'
        yield escape(environment.getattr(l_1_s, 'facilitator'))
        yield '</p>\n<dl class="figures">\n'
        if environment.getattr(environment.getattr(l_1_s, 'result'), 'suppressed'):
            pass
            yield '<div><dt>Score</dt><dd><span class="suppressed">suppressed</span> (too few answers)</dd></div>\n'
        else:
            pass
            yield '<div><dt>Score</dt><dd>'
            yield escape(t_5('%.2f', environment.getattr(environment.getattr(l_1_s, 'result'), 'mean')))
            if environment.getattr(environment.getattr(l_1_s, 'result'), 'ci'):
                pass
                yield ' (95% CI '
                yield escape(t_5('%.2f', environment.getitem(environment.getattr(environment.getattr(l_1_s, 'result'), 'ci'), 0)))
                yield ' to '
                yield escape(t_5('%.2f', environment.getitem(environment.getattr(environment.getattr(l_1_s, 'result'), 'ci'), 1)))
                yield ')'
            yield ', n = '
            yield escape(environment.getattr(environment.getattr(l_1_s, 'result'), 'n'))
            yield '</dd></div>\n<div><dt>What the data support</dt><dd>'
            yield escape(environment.getattr(l_1_s, 'label'))
            yield '</dd></div>\n<div><dt>Trend</dt><dd>'
            if environment.getattr(environment.getattr(l_1_s, 'result'), 'trend'):
                pass
                yield escape(environment.getattr(environment.getattr(environment.getattr(l_1_s, 'result'), 'trend'), 'direction'))
                yield ' ('
                yield escape(t_5('%+.2f', environment.getattr(environment.getattr(environment.getattr(l_1_s, 'result'), 'trend'), 'change')))
                yield ' since '
                yield escape(environment.getattr(environment.getattr(environment.getattr(l_1_s, 'result'), 'trend'), 'previous_round'))
                yield ')'
            else:
                pass
                yield 'no earlier round to compare'
            yield '</dd></div>\n'
        yield '<div><dt>Confidence that it matters</dt><dd>'
        yield escape(environment.getattr(l_1_s, 'confidence'))
        if environment.getattr(l_1_s, 'evidence_note'):
            pass
            yield '. '
            yield escape(environment.getattr(l_1_s, 'evidence_note'))
        yield '</dd></div>\n</dl>\n'
        yield escape(context.call((undefined(name='table') if l_0_table is missing else l_0_table), environment.getattr(l_1_s, 'groups'), _loop_vars=_loop_vars))
        yield '\n'
        if environment.getattr(l_1_s, 'items_chart'):
            pass
            yield escape(context.call((undefined(name='figure') if l_0_figure is missing else l_0_figure), environment.getattr(l_1_s, 'items_chart'), environment.getattr(l_1_s, 'items'), _loop_vars=_loop_vars))
            yield '\n'
        else:
            pass
            yield escape(context.call((undefined(name='table') if l_0_table is missing else l_0_table), environment.getattr(l_1_s, 'items'), _loop_vars=_loop_vars))
            yield '\n'
        yield '<h5>What the evidence says</h5>\n<p>'
        yield escape(environment.getattr(l_1_s, 'confidence_reason'))
        if environment.getattr(l_1_s, 'works'):
            pass
            yield ' Works that say this factor matters: '
            yield escape(t_7(context.eval_ctx, environment.getattr(l_1_s, 'works'), '; '))
            yield '.'
        yield '</p>\n'
        if environment.getattr(l_1_s, 'interventions'):
            pass
            yield '<h5>What partnerships can do</h5>\n<ul>'
            for (l_2_title, l_2_what, l_2_kind, l_2_basis, l_2_caveats) in environment.getattr(l_1_s, 'interventions'):
                _loop_vars = {}
                pass
                yield '<li><strong>'
                yield escape(l_2_title)
                yield '.</strong> '
                yield escape(l_2_what)
                yield ' <span class="support"><strong>'
                yield escape(l_2_kind)
                yield '.</strong> Basis: '
                yield escape(l_2_basis)
                if l_2_caveats:
                    pass
                    yield ' Caveats: '
                    yield escape(l_2_caveats)
                yield '</span></li>'
            l_2_title = l_2_what = l_2_kind = l_2_basis = l_2_caveats = missing
            yield '</ul>\n'
        if (not t_15(environment.getattr(l_1_s, 'comment_count'))):
            pass
            yield '<h5>What people said</h5>\n<p>'
            yield escape(environment.getattr(l_1_s, 'comment_count'))
            yield ' comment'
            yield escape(('' if (environment.getattr(l_1_s, 'comment_count') == 1) else 's'))
            yield ' about this factor.'
            if ((not environment.getattr(l_1_s, 'quotes')) and environment.getattr(l_1_s, 'comment_count')):
                pass
                yield ' None can be quoted without risking who wrote it.'
            yield '</p>\n'
            if environment.getattr(l_1_s, 'quotes'):
                pass
                yield '<ul class="quotes">'
                for l_2_quote in environment.getattr(l_1_s, 'quotes'):
                    _loop_vars = {}
                    pass
                    yield '<li><blockquote>'
                    yield escape(l_2_quote)
                    yield '</blockquote></li>'
                l_2_quote = missing
                yield '</ul>'
        yield '</section>\n'
    l_1_s = missing
    yield '</section>\n\n<section id="know" aria-labelledby="know-heading">\n<h2 id="know-heading">How do we know?</h2>\n<h3 id="structure">Structure</h3>\n'
    if environment.getattr((undefined(name='structure') if l_0_structure is missing else l_0_structure), 'raci'):
        pass
        yield '<h4>Roles and responsibilities</h4>\n'
        yield escape(context.call((undefined(name='figure') if l_0_figure is missing else l_0_figure), environment.getattr((undefined(name='structure') if l_0_structure is missing else l_0_structure), 'raci'), (undefined(name='raci_table') if l_0_raci_table is missing else l_0_raci_table)))
        yield '\n'
    if environment.getattr((undefined(name='structure') if l_0_structure is missing else l_0_structure), 'targets'):
        pass
        yield '<h4>Targets against their path</h4>\n'
        for l_1_chart in environment.getattr((undefined(name='structure') if l_0_structure is missing else l_0_structure), 'targets'):
            _loop_vars = {}
            pass
            yield '<figure class="chart" aria-labelledby="'
            yield escape(environment.getattr(l_1_chart, 'id'))
            yield '-caption">\n'
            yield escape(context.call((undefined(name='drawn') if l_0_drawn is missing else l_0_drawn), l_1_chart, _loop_vars=_loop_vars))
            yield '\n<figcaption id="'
            yield escape(environment.getattr(l_1_chart, 'id'))
            yield '-caption">'
            yield escape(environment.getattr(l_1_chart, 'title'))
            yield '. <span class="visually-hidden">'
            yield escape(environment.getattr(l_1_chart, 'description'))
            yield '</span></figcaption>\n</figure>\n'
        l_1_chart = missing
        yield escape(context.call((undefined(name='table') if l_0_table is missing else l_0_table), (undefined(name='targets_table') if l_0_targets_table is missing else l_0_targets_table)))
        yield '\n'
    if environment.getattr((undefined(name='structure') if l_0_structure is missing else l_0_structure), 'attendance'):
        pass
        yield '<h4>Attendance by agency over time</h4>\n'
        yield escape(context.call((undefined(name='figure') if l_0_figure is missing else l_0_figure), environment.getattr((undefined(name='structure') if l_0_structure is missing else l_0_structure), 'attendance'), (undefined(name='attendance_table') if l_0_attendance_table is missing else l_0_attendance_table)))
        yield '\n'
    if environment.getattr((undefined(name='structure') if l_0_structure is missing else l_0_structure), 'funding'):
        pass
        yield '<h4>Funding and post end dates</h4>\n'
        yield escape(context.call((undefined(name='figure') if l_0_figure is missing else l_0_figure), environment.getattr((undefined(name='structure') if l_0_structure is missing else l_0_structure), 'funding'), (undefined(name='funding_table') if l_0_funding_table is missing else l_0_funding_table)))
        yield '\n'
    yield '<h4>Structural gaps</h4>\n<ul class="findings">\n'
    t_25 = 1
    for l_1_c in environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'check_findings'):
        l_1_names = resolve('names')
        _loop_vars = {}
        pass
        yield '<li><strong class="tag tag-'
        yield escape(environment.getattr(environment.getattr(l_1_c, 'severity'), 'value'))
        yield '">'
        yield escape(environment.getattr(environment.getattr(l_1_c, 'severity'), 'value'))
        yield '</strong> '
        yield escape(environment.getattr(l_1_c, 'message'))
        yield ' <span class="kind">('
        yield escape(environment.getitem((undefined(name='names') if l_1_names is missing else l_1_names), environment.getattr(l_1_c, 'factor')))
        yield ')</span></li>\n'
        t_25 = 0
    l_1_c = l_1_names = missing
    if t_25:
        pass
        yield '<li>'
        if (((environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'structure'), 'roles') or environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'structure'), 'targets')) or environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'structure'), 'meetings')) or environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'structure'), 'funding')):
            pass
            yield 'The structure records show no gap.'
        else:
            pass
            yield 'No structure records were given, so nothing was checked.'
        yield '</li>\n'
    yield '</ul>\n<h3 id="method">Method</h3>\n<h4>Who answered</h4>\n'
    yield escape(context.call((undefined(name='table') if l_0_table is missing else l_0_table), (undefined(name='responses_table') if l_0_responses_table is missing else l_0_responses_table)))
    yield '\n'
    yield escape(context.call((undefined(name='table') if l_0_table is missing else l_0_table), (undefined(name='role_groups_table') if l_0_role_groups_table is missing else l_0_role_groups_table)))
    yield '\n<h4>Minimum group size and what was suppressed</h4>\n<p>No figure describes fewer than '
    yield escape(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'min_group'))
    yield " people. A group below that size is suppressed, and so is the next smallest group wherever its figure and the total would let the small one be worked out. Suppressed groups still count in the partnership's overall figures.</p>\n"
    yield escape(context.call((undefined(name='table') if l_0_table is missing else l_0_table), (undefined(name='suppression_table') if l_0_suppression_table is missing else l_0_suppression_table)))
    yield "\n<h4>Reliability</h4>\n<p>Cronbach's alpha says whether a factor's statements measure one thing. Below 0.6 the score should be read with care.</p>\n"
    yield escape(context.call((undefined(name='table') if l_0_table is missing else l_0_table), (undefined(name='reliability_table') if l_0_reliability_table is missing else l_0_reliability_table)))
    yield '\n<h4>How bands and evidence confidence are defined</h4>\n<ul>\n<li>Labels: concern when the whole 95% interval is under '
    yield escape(environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'thresholds'), 'band_borderline_from'))
    yield ', strength when it is all at or above '
    yield escape(environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'thresholds'), 'band_strength_from'))
    yield ', borderline when it lies between, unclear when it crosses either. The thresholds are conventions for discussion, not validated cut-offs.</li>\n<li>Severity: a problem on a factor whose evidence gives low or very low confidence that it matters is lowered one step (high to medium, medium to low). Response rates are reported as non-response, not as commitment.</li>\n<li>Disagreement between agencies: Kruskal-Wallis across agencies with at least '
    yield escape(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'min_group'))
    yield " respondents, pairs by Dunn's test with Holm's adjustment, significance "
    yield escape(environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'thresholds'), 'significance'))
    yield '; a pair is named only when both agencies have at least '
    yield escape((undefined(name='min_divergence') if l_0_min_divergence is missing else l_0_min_divergence))
    yield ' respondents, enough to tell a gap of about a point from none. People see a factor alike when the standard deviation of their scores is under '
    yield escape(environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'thresholds'), 'consensus_sd_below'))
    yield ' and disagree strongly above '
    yield escape(environment.getattr(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'thresholds'), 'high_disagreement_sd_above'))
    yield '.</li>\n<li>Trend: Welch\'s t-test against the previous round; a change counts only when it is significant.</li>\n<li>Evidence confidence is confidence in the review\'s claim that a factor matters (high, moderate, low or very low), judged on four components as GRADE-CERQual does: methodological limitations, coherence, adequacy and relevance. It is not a rating of whether any action works. "Times reported" counts a list of works cited together once.</li>\n</ul>\n'
    yield escape(context.call((undefined(name='table') if l_0_table is missing else l_0_table), (undefined(name='ratings_table') if l_0_ratings_table is missing else l_0_ratings_table)))
    yield '\n<h3 id="works-cited">Works cited</h3>\n<ol class="references">\n'
    for l_1_reference in (undefined(name='works') if l_0_works is missing else l_0_works):
        _loop_vars = {}
        pass
        yield '<li>'
        yield escape(l_1_reference)
        yield '</li>'
    l_1_reference = missing
    yield '</ol>\n</section>\n\n<section id="next" aria-labelledby="next-heading">\n<h2 id="next-heading">What next?</h2>\n<h3>Recommendations</h3>\n<p>For the most pressing findings, things to consider doing, each marked with what kind of advice it is: most turn a reported barrier round, and their detail is joinedup\'s suggestion. An action that answers several findings is listed once, with all of them. Agree which to take on, who owns each, by when, and how you will know it worked.</p>\n'
    l_1_loop = missing
    t_26 = 1
    for l_1_f, l_1_loop in LoopContext((undefined(name='recommended') if l_0_recommended is missing else l_0_recommended), undefined):
        _loop_vars = {}
        pass
        yield '<div class="recommendation">\n<h4>'
        yield escape(environment.getattr(l_1_f, 'statement'))
        yield '</h4>\n<ul>\n'
        l_2_loop = missing
        for l_2_r, l_2_loop in LoopContext(environment.getitem(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'recommendations'), environment.getattr(l_1_f, 'key')), undefined):
            l_2_practice = resolve('practice')
            l_2_practice_caveat = resolve('practice_caveat')
            _loop_vars = {}
            pass
            yield '<li><strong>'
            yield escape(environment.getattr(l_2_r, 'title'))
            yield '.</strong> '
            yield escape(environment.getattr(l_2_r, 'what_to_do'))
            yield ' <span class="support"><strong>'
            yield escape(environment.getattr(l_2_r, 'provenance_label'))
            yield '.</strong> Basis: '
            yield escape(environment.getattr(l_2_r, 'basis'))
            if environment.getattr(l_2_r, 'caveats'):
                pass
                yield ' Caveats: '
                yield escape(t_7(context.eval_ctx, environment.getattr(l_2_r, 'caveats'), ' '))
            yield ' Works that support this action: '
            if environment.getattr(l_2_r, 'action_works'):
                pass
                l_3_loop = missing
                for l_3_key, l_3_loop in LoopContext(environment.getattr(l_2_r, 'action_works'), undefined):
                    l_3_cite = resolve('cite')
                    _loop_vars = {}
                    pass
                    yield escape(context.call((undefined(name='cite') if l_3_cite is missing else l_3_cite), l_3_key, _loop_vars=_loop_vars))
                    yield escape(('; ' if (not environment.getattr(l_3_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 236 in 'report.html.j2' evaluated to false and no else section was defined.")))
                l_3_loop = l_3_key = l_3_cite = missing
            else:
                pass
                yield 'none'
            yield '. Works that say this factor matters: '
            if environment.getattr(l_2_r, 'factor_works'):
                pass
                yield escape(t_8(environment.getattr(l_2_r, 'factor_works')))
                yield ' (listed under the factor)'
            else:
                pass
                yield 'none'
            yield '.'
            if (t_8(environment.getattr(l_2_r, 'answers')) > 1):
                pass
                yield ' Also answers finding'
                yield escape(('' if (t_8(environment.getattr(l_2_r, 'answers')) == 2) else 's'))
                yield ' '
                l_3_loop = missing
                for l_3_key, l_3_loop in LoopContext(environment.getattr(l_2_r, 'answers')[1:], undefined):
                    l_3_ranks = resolve('ranks')
                    _loop_vars = {}
                    pass
                    yield escape(environment.getitem((undefined(name='ranks') if l_3_ranks is missing else l_3_ranks), l_3_key))
                    yield escape((', ' if (not environment.getattr(l_3_loop, 'last')) else cond_expr_undefined("the inline if-expression on line 236 in 'report.html.j2' evaluated to false and no else section was defined.")))
                l_3_loop = l_3_key = l_3_ranks = missing
                yield ' of the list above.'
            yield '</span>'
            if t_14(environment.getitem((undefined(name='practice') if l_2_practice is missing else l_2_practice), (environment.getattr(l_2_r, 'intervention'), environment.getattr(l_1_f, 'factor')))):
                pass
                yield '<span class="support practice"><strong>Practice-based evidence, from partnerships that measured the factor again.</strong> '
                yield escape(environment.getitem((undefined(name='practice') if l_2_practice is missing else l_2_practice), (environment.getattr(l_2_r, 'intervention'), environment.getattr(l_1_f, 'factor'))))
                yield ' '
                yield escape((undefined(name='practice_caveat') if l_2_practice_caveat is missing else l_2_practice_caveat))
                yield '</span>'
            yield '</li>\n'
        l_2_loop = l_2_r = l_2_practice = l_2_practice_caveat = missing
        yield '</ul>\n</div>\n'
        t_26 = 0
    l_1_loop = l_1_f = missing
    if t_26:
        pass
        yield '<p>No finding calls for action.</p>\n'
    yield '<h3>Action plan</h3>\n'
    if environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'actions'):
        pass
        yield escape(context.call((undefined(name='table') if l_0_table is missing else l_0_table), (undefined(name='actions_table') if l_0_actions_table is missing else l_0_actions_table)))
        yield '\n'
    else:
        pass
        yield '<p>No action plan was given.</p>\n'
    yield '</section>\n</main>\n<footer class="report-footer">\n<p>Made with joinedup'
    if environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'instrument_version'):
        pass
        yield ' (item bank version '
        yield escape(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'instrument_version'))
        yield ')'
    yield '. Answers are anonymous; no figure describes fewer than '
    yield escape(environment.getattr((undefined(name='data') if l_0_data is missing else l_0_data), 'min_group'))
    yield ' people.</p>\n</footer>\n</body>\n</html>\n'

blocks = {}
debug_info = '1=134&2=144&4=146&5=149&6=161&7=166&9=188&10=195&12=230&18=239&19=247&20=249&23=255&24=264&25=266&26=268&28=275&30=283&37=299&39=303&45=305&46=307&63=319&64=322&65=332&66=336&71=363&72=366&74=369&75=371&84=393&85=406&89=415&90=436&92=463&94=467&95=471&96=475&97=483&110=514&112=516&113=518&115=520&116=522&122=529&123=534&124=542&125=545&133=580&134=590&135=594&136=598&137=602&139=604&142=610&143=621&144=623&146=636&148=642&149=644&150=646&152=650&155=653&156=660&158=663&160=681&162=684&163=692&172=706&174=709&176=711&178=714&179=718&180=720&181=722&184=729&186=731&188=734&190=736&192=739&196=743&197=748&199=761&204=769&205=771&207=773&208=775&211=777&214=779&216=783&220=793&223=795&231=805&233=809&235=812&236=818&237=870&245=883&246=885&253=891'
# ruff: noqa
# mypy: ignore-errors
# compiled from template key dc205a6028ca52643be12fbab3f8c987f2e65e5813339408ca79213bc2b4f1d0
