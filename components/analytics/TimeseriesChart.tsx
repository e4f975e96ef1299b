'use client';
import { useId } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ChartSeries<K extends string> {
  key: K;
  label: string;
  colour: string;
}

/**
 * A line chart over days, accessible: a title, a description of what it shows (with totals) and
 * the same figures in a visually hidden table for screen readers; the drawing itself is hidden
 * from them.
 */
export function TimeseriesChart<K extends string>({
  title,
  description,
  data,
  series,
}: {
  title: string;
  description: string;
  data: ({ day: string } & Record<K, number>)[];
  series: ChartSeries<K>[];
}) {
  const id = useId();
  const totals = series.map((s) => `${s.label}: ${data.reduce((n, point) => n + point[s.key], 0).toLocaleString('en')}`).join(', ');
  return (
    <figure aria-labelledby={`${id}-title`} aria-describedby={`${id}-description`} className="grid gap-2 rounded-lg border bg-card p-4">
      <figcaption>
        <h3 id={`${id}-title`} className="font-semibold">
          {title}
        </h3>
        <p id={`${id}-description`} className="text-xs text-muted-foreground">
          {description} Totals for the period: {totals}.
        </p>
      </figcaption>
      <div aria-hidden="true" className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -16 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" className="stroke-muted" />
            <XAxis dataKey="day" tick={{ fontSize: 11 }} tickFormatter={(day: string) => day.slice(5)} minTickGap={16} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s) => (
              <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.colour} strokeWidth={2} dot={false} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>{title}, by day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {series.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.map((point) => (
            <tr key={point.day}>
              <th scope="row">{point.day}</th>
              {series.map((s) => (
                <td key={s.key}>{point[s.key]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
