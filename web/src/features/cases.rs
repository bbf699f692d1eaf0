//! 案件查询: the case list with filters, search, sorting and paging.

pub mod page;
