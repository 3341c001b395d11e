import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { CohortDetail } from './cohort-detail';
import { CohortList } from './cohort-list';
import { CreateCohortForm } from './create-cohort-form';

/** The cohort list and a new-cohort form, or one cohort (`?cohort=<id>`). */
export function CohortsTab() {
  const [search, setSearch] = useSearchParams();
  const cohortId = search.get('cohort');
  // Back from a cohort (the link, Back, a delete): the element that had focus is gone, so
  // the list's heading takes it.
  const [shown, setShown] = useState({ cohortId, focusList: false });
  if (shown.cohortId !== cohortId) {
    setShown({ cohortId, focusList: shown.cohortId !== null && cohortId === null });
  }
  const focusList = shown.focusList;
  const openCohort = (id: string | null) =>
    setSearch(id ? { tab: 'cohorts', cohort: id } : { tab: 'cohorts' });

  if (cohortId) {
    return <CohortDetail id={cohortId} onDeleted={() => openCohort(null)} />;
  }
  return (
    <>
      <CohortList focusHeading={focusList} />
      <CreateCohortForm onCreated={(cohort) => openCohort(cohort.id)} />
    </>
  );
}
