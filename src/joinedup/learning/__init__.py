"""Learning across partnerships: anonymised learning records, pooled benchmarks and practice
evidence, and the open data file built from them (issue 17).

A partnership turns a closed round and its action plan into a learning record
(`record.build_learning_record`): factor means and intervals only where its analysis reports
them, and for each action the factor, the intervention it came from, its status and the
factor's change to the next round. Records carry no names, people, dates finer than a month or
figure about fewer than the minimum group. `pool.pool_records` combines records from many
partnerships into benchmarks and practice evidence, each only from at least five partnerships;
`open_data` writes the pooled results for researchers. Plain data in and out: the web app and
the CLI are shells around these functions.
"""
