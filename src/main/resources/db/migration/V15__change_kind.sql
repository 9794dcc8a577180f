-- What each change was, as its writer knew it (webhook event names): rows from before are told
-- apart only by their action.
alter table change_log add column kind text;
update change_log set kind = case action when 'upsert' then 'updated' else 'deleted' end;
alter table change_log alter column kind set not null,
    add constraint change_log_kind check (kind in ('created', 'published', 'updated', 'unpublished', 'deleted'));
