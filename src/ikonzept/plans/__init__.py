"""The towns' local action plans (plaene/<kommune>.yaml): a new plan with the measures
recommended for the town as a menu (`menu`), an entry added with the one editor
(`entries`), and the adoption matrix of measures × towns (`matrix`)."""
