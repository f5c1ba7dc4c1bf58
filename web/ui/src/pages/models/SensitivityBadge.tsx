import type { Sensitivity } from '../../api/types';

export function SensitivityBadge({ value }: { value?: Sensitivity }) {
  if (!value || value === 'none') return null;
  return <span className={`badge sens-${value}`} title={`${value} data`}>{value}</span>;
}
