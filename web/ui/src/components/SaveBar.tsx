import { useState } from 'react';

/** A save comment and the save button; the comment is stored with the new version. */
export function SaveBar({ onSave, busy, label = 'Save' }: { onSave: (comment: string) => void; busy: boolean; label?: string }) {
  const [comment, setComment] = useState('');
  return (
    <form className="save-bar" onSubmit={(e) => { e.preventDefault(); onSave(comment); }}>
      <label className="inline">
        Comment
        <input name="comment" value={comment} maxLength={500} placeholder="what changed"
          onChange={(e) => setComment(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={busy}>{busy ? 'Saving…' : label}</button>
    </form>
  );
}
